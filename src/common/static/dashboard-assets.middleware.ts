import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import express, { NextFunction, Request, RequestHandler, Response } from 'express';

/** Every file under `dir` as the URL path that serves it ("/assets/index-3f2a.js"). */
function assetPaths(dir: string): Set<string> {
  const paths = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      const file = join(entry.parentPath, entry.name);
      paths.add(`/${relative(dir, file).split(sep).join('/')}`);
    }
  }
  return paths;
}

/**
 * Serves the built dashboard (express.static) for the files it consists of, and nothing else.
 * Mounted before the API routes, a plain express.static would look every API request up on the
 * disk first (a stat on the thread pool per request, to find no file); the build is immutable
 * while the process runs, so its file list is read once. The dashboard uses hash routes: "/"
 * (index.html) and its assets are its only paths.
 */
export function dashboardAssets(dir: string): RequestHandler {
  const files = assetPaths(dir);
  const serve = express.static(dir, { index: 'index.html', maxAge: '1h', fallthrough: true });
  return (request: Request, response: Response, next: NextFunction) => {
    if (
      (request.method === 'GET' || request.method === 'HEAD') &&
      (request.path === '/' || files.has(request.path))
    ) {
      serve(request, response, next);
      return;
    }
    next();
  };
}
