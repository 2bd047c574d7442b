import { hostname } from 'node:os';

/** Stable id of this worker process for heartbeats and job results: "<host>:<pid>". */
export const WORKER_ID = `${hostname()}:${process.pid}`;
