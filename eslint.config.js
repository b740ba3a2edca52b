// ESLint 9 flat config: the layer boundaries of docs/decisions/001 as import rules, and a few
// correctness rules. Kept small on purpose: tsc does the type checking.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'

/** no-restricted-imports patterns refusing imports of the given top-level folders (any depth of ../). */
const refuse = (folders, message) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: folders.map((f) => ({
        regex: `^(\\.\\./)+${f}(/|$)`,
        message,
      })),
    },
  ],
})

export default tseslint.config(
  { ignores: ['build/**', 'node_modules/**', 'data/**', 'bench/**', '.cache/**', 'public/build/**'] },
  {
    files: ['**/*.{ts,tsx,js}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      // correctness
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-constant-condition': ['error', { checkLoops: false }],
      'no-fallthrough': 'error',
      'no-self-compare': 'error',
      'no-unreachable-loop': 'error',
      'require-atomic-updates': 'off',
      '@typescript-eslint/no-floating-promises': 'off', // needs type information; tsc-only project
      // not correctness: left to taste
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-empty-object-type': 'off',
      'no-control-regex': 'off', // the validators and readers match control characters on purpose
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  // tests may assert with comma expressions and call expect chains for their effect
  { files: ['tests/**'], rules: { '@typescript-eslint/no-unused-expressions': 'off' } },
  // The layers (ADR 001): routes reach data through app/data.server.ts and app/lib/*.server.ts only.
  { files: ['app/routes/**'], rules: refuse(['core', 'ingest'], 'routes reach data through ~/data.server and ~/lib/*.server, not core/ or ingest/ directly') },
  { files: ['ingest/**'], rules: refuse(['app'], 'ingest/ never imports app/') },
  { files: ['core/**'], rules: refuse(['app', 'ingest'], 'core/ never imports app/ or ingest/') },
)
