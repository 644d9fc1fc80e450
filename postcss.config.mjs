// Tailwind CSS 4 runs as a single PostCSS plugin; its configuration lives in
// CSS (see the @theme block in src/app/globals.css), not in a JS config file.
const config = { plugins: { "@tailwindcss/postcss": {} } };

export default config;
