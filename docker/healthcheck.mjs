// Container health for both roles of the image: healthy when the API answers /healthz on PORT or
// a worker answers /healthz on its private WORKER_HTTP_PORT (whichever this container runs).
import http from 'node:http';

const ports = [process.env.PORT || '8000', process.env.WORKER_HTTP_PORT || '9465'].filter(
  (p) => p !== '0',
);

function check(port) {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', timeout: 4000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

Promise.all(ports.map(check)).then((results) => process.exit(results.some(Boolean) ? 0 : 1));
