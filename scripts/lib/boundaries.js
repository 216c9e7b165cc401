// The import directions of docs/architecture.md, as zones for import-x/no-restricted-paths:
// files under `target` may not import from `from`. The folder list here and the table in
// docs/architecture.md say the same thing; change both together.

/** Folders of src/ by what they are, so each rule names groups rather than repeating lists. */
const RENDERING = ['components', 'layouts', 'pages', 'integrations'];
const BROWSER = ['islands', 'scripts'];
const SERVER = ['server'];
const src = (/** @type {string[]} */ folders) => folders.map((folder) => `./src/${folder}`);

/** @type {{ target: string; from: string[]; message: string }[]} */
const RULES = [
  {
    target: './src/i18n',
    from: src(['schemas', 'lib', ...BROWSER, ...RENDERING, ...SERVER]),
    message: 'i18n/ holds the UI strings and their lookup; nothing it needs lives elsewhere.',
  },
  {
    target: './src/schemas',
    from: src(['lib', ...BROWSER, ...RENDERING, ...SERVER]),
    message: 'schemas/ describes data only: it may import zod, content types and other schemas, nothing above it.',
  },
  {
    target: './src/lib',
    from: src([...BROWSER, ...RENDERING, ...SERVER]),
    message: 'lib/ is shared by pages, islands and the server: it may import schemas/ and i18n/, not the layers above it or server/.',
  },
  {
    target: './src/islands',
    from: src([...RENDERING, ...SERVER]),
    message: 'islands/ run in the browser: they may import lib/, schemas/ and i18n/, never server/ or Astro components.',
  },
  {
    target: './src/scripts',
    from: src(['islands', ...RENDERING, ...SERVER]),
    message:
      "scripts/ run in the browser from a page's <script> tag: they may import lib/, schemas/ and i18n/, never server/ or Astro components.",
  },
  {
    target: './src/components',
    from: src(['pages', 'layouts', 'integrations']),
    message: 'components/ are pieces of a page: pages and layouts use them, not the other way round.',
  },
  {
    target: './src/layouts',
    from: src(['pages', 'integrations']),
    message: 'layouts/ wrap pages; they may use components, not pages.',
  },
  {
    target: './src/server',
    from: src([...BROWSER, ...RENDERING]),
    message: 'server/ sits beside the pages: it may import lib/, schemas/ and i18n/, not pages or components.',
  },
  {
    target: './src',
    from: ['./scripts', './bench', './tests'],
    message: 'The site does not import build scripts, benchmarks or tests.',
  },
];

export const boundaryZones = RULES;
