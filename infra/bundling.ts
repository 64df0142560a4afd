// How every function is bundled, shared by the CDK stack and the P2 benchmark so that what
// is measured is what deploys.
export const BUNDLE = {
  format: 'esm',
  target: 'node24',
  minify: true,
  mainFields: ['module', 'main'],
  /** Some dependencies still call require(); ESM bundles need it defined. */
  banner: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
} as const;
