/**
 * Builds the web app into dist/web, which the server serves at `/` (system.routes.ts).
 * `npm run build` runs it after tsc; `npx vite --config web/vite.config.ts` serves it with
 * hot reload and proxies the API to a server on :3000 (`npm start`).
 */
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url))
const API_SERVER = process.env.RAPPORT_API_URL ?? 'http://127.0.0.1:3000'

/** Files worth compressing; the server sends `x.gz` for `x` when the browser accepts gzip. */
const COMPRESSIBLE = /\.(js|css|svg|json)$/
const MIN_COMPRESS_BYTES = 1024

/** Writes a gzip twin of each compressible asset, so the server needs no compression at run time. */
function precompress(): Plugin {
  return {
    name: 'rapport-precompress',
    apply: 'build',
    writeBundle(options, bundle) {
      for (const name of Object.keys(bundle)) {
        if (!COMPRESSIBLE.test(name)) continue
        const file = path.join(options.dir!, name)
        const content = fs.readFileSync(file)
        if (content.length >= MIN_COMPRESS_BYTES) fs.writeFileSync(`${file}.gz`, gzipSync(content, { level: 9 }))
      }
    },
  }
}

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react(), precompress()],
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    // Source maps would double the files the server ships; the bundle is small enough to read.
    sourcemap: false,
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: { '/api': API_SERVER, '/healthz': API_SERVER },
  },
})
