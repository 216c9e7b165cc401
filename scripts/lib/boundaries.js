// The import directions of docs/architecture.md, as zones for import-x/no-restricted-paths:
// files under `target` may not import from `from`. The folder list here and the table in
// docs/architecture.md say the same thing; change both together.

/** @type {{ target: string; from: string[]; message: string }[]} */
const RULES = [
  {
    target: './src/schemas',
    from: [
      './src/lib',
      './src/components',
      './src/islands',
      './src/scripts',
      './src/layouts',
      './src/pages',
      './src/server',
      './src/integrations',
    ],
    message: 'schemas/ describes data only: it may import zod, content types and other schemas, nothing above it.',
  },
  {
    target: './src/lib',
    from: ['./src/components', './src/islands', './src/scripts', './src/layouts', './src/pages', './src/server', './src/integrations'],
    message: 'lib/ is shared by pages, islands and the server: it may import schemas/ and i18n/, not the layers above it or server/.',
  },
  {
    target: './src/i18n',
    from: [
      './src/lib',
      './src/components',
      './src/islands',
      './src/scripts',
      './src/layouts',
      './src/pages',
      './src/server',
      './src/schemas',
    ],
    message: 'i18n/ holds the UI strings and their lookup; nothing it needs lives elsewhere.',
  },
  {
    target: './src/islands',
    from: ['./src/server', './src/pages', './src/layouts', './src/components', './src/integrations'],
    message: 'islands/ run in the browser: they may import lib/, schemas/ and i18n/, never server/ or Astro components.',
  },
  {
    target: './src/scripts',
    from: ['./src/server', './src/pages', './src/layouts', './src/components', './src/islands', './src/integrations'],
    message:
      "scripts/ run in the browser from a page's <script> tag: they may import lib/, schemas/ and i18n/, never server/ or Astro components.",
  },
  {
    target: './src/components',
    from: ['./src/pages', './src/layouts', './src/integrations'],
    message: 'components/ are pieces of a page: pages and layouts use them, not the other way round.',
  },
  {
    target: './src/layouts',
    from: ['./src/pages', './src/integrations'],
    message: 'layouts/ wrap pages; they may use components, not pages.',
  },
  {
    target: './src/server',
    from: ['./src/pages', './src/components', './src/islands', './src/scripts', './src/layouts', './src/integrations'],
    message: 'server/ sits beside the pages: it may import lib/, schemas/ and i18n/, not pages or components.',
  },
  {
    target: './src',
    from: ['./scripts', './bench', './tests'],
    message: 'The site does not import build scripts, benchmarks or tests.',
  },
];

export const boundaryZones = RULES;
