/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The page is built straight into the jar's static resources: Spring Boot serves target/classes/static at "/".
// Maven runs this in generate-resources (see pom.xml, "area plugins: web page").
const outDir = fileURLToPath(new URL('../target/classes/static', import.meta.url));

export default defineConfig({
  base: '/',
  build: {
    outDir,
    emptyOutDir: true,
    // No inline scripts: the strict CSP of the security work forbids them.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    sourcemap: false,
  },
  server: {
    // `npm run dev` against a locally running server (./mvnw spring-boot:run).
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
  test: {
    include: ['test/**/*.test.ts'],
    environment: 'node',
  },
});
