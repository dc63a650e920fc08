import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { API_PREFIX } from '../../shared/sync-protocol';
import { apiErrorBody } from './api-error';

const NO_CACHE = new Set(['index.html', 'sw.js']);

/**
 * Serves the built renderer with SPA fallback: a GET for a path without a
 * file extension that matches no file gets index.html (client-side
 * routes). /api/* never falls back: an unknown API path is a JSON 404.
 */
export async function registerStaticSite(app: FastifyInstance, staticDir: string | undefined): Promise<void> {
  const hasSite = staticDir !== undefined && existsSync(join(staticDir, 'index.html'));
  if (hasSite) {
    await app.register(fastifyStatic, {
      root: staticDir,
      prefix: '/',
      index: ['index.html'],
      setHeaders: (res, path) => {
        const file = path.split(/[\\/]/).at(-1) ?? '';
        if (NO_CACHE.has(file)) void res.header('cache-control', 'no-cache');
        // Vite puts content-hashed files under /assets: they never change.
        else if (/[\\/]assets[\\/]/.test(path)) void res.header('cache-control', 'public, max-age=31536000, immutable');
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    if (path === API_PREFIX || path.startsWith(`${API_PREFIX}/`) || path.startsWith('/api/')) {
      return reply.status(404).send(apiErrorBody('route.notFound', `No API route ${request.method} ${path}.`));
    }
    const lastSegment = path.split('/').at(-1) ?? '';
    if (hasSite && (request.method === 'GET' || request.method === 'HEAD') && !lastSegment.includes('.')) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    if (!hasSite && path === '/') {
      return reply
        .status(404)
        .type('text/plain; charset=utf-8')
        .send('Shebao Station server is running, but the renderer is not built (npm run build:renderer).');
    }
    return reply.status(404).send(apiErrorBody('route.notFound', `Not found: ${path}`));
  });
}
