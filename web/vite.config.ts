import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));

// One light entry page per job; pages share the small modules in src/lib. The residents'
// page is built on its own (GONGZHI_PAGES=resident, second pass of `npm run build:web`) so
// that it shares no chunk with the staff page: a shared chunk holds the union of what both
// use (all of zod's checks), and the rating form must stay under 40 KB on a slow phone. The
// appeal page (appeal.html) is built alone in a third pass, under the same 40 KB.
const pass = process.env.GONGZHI_PAGES;
const residentOnly = pass === 'resident' || pass === 'appeal';

export default defineConfig({
  root,
  plugins: [svelte()],
  build: {
    outDir: 'dist',
    emptyOutDir: !residentOnly,
    target: 'es2020',
    rollupOptions: {
      input: residentOnly
        ? pass === 'appeal' ? { appeal: `${root}appeal.html` } : { resident: `${root}resident.html` }
        : { index: `${root}index.html`, admin: `${root}admin.html`, notices: `${root}notices.html` },
    },
  },
});
