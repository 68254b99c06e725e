/**
 * npm run visual-check — the job summaries as a reviewer would see them on GitHub, as PNG files in
 * .visual/: each summary rendered with markdown-it (GFM tables, raw HTML, `<details>` opened) and
 * its Mermaid blocks with the mermaid bundle from node_modules, in headless Chromium (Debian's
 * chromium package; no network: every request the page makes is refused). It fails when Mermaid
 * cannot parse a chart, which GitHub would show as an error box instead of the chart.
 *
 *   npm run visual-check                 # runs `npm run demo`, one PNG per step's summary
 *   npm run visual-check -- --from dir   # the .md files in dir instead
 *   npm run visual-check -- --out dir    # PNG files there instead of .visual/
 *
 * Besides NN-slug.png (the whole summary) it writes NN-slug.chart-K.png: each chart with the
 * legend line under it, at the page's scale, to look at closely.
 *
 * Slow (a browser and, by default, the whole demo), so it is no CI step.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import MarkdownIt from 'markdown-it'
import { chromium } from 'playwright-core'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync'
]
/** MERMAID_BUNDLE: another build's mermaid.min.js, to see what an older Mermaid (GitHub's) makes of a chart. */
const MERMAID_BUNDLE =
  process.env.MERMAID_BUNDLE ?? join(root, 'node_modules/mermaid/dist/mermaid.min.js')

/** Roughly GitHub's Markdown body (Primer's light theme): enough to judge widths and legibility. */
const GITHUB_CSS = `
body { margin: 0; background: #ffffff; color: #1f2328;
  font: 14px/1.5 -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; }
main { box-sizing: border-box; width: 1012px; padding: 24px 32px; }
h1, h2, h3 { font-weight: 600; line-height: 1.25; margin: 24px 0 16px; }
h2 { font-size: 1.5em; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0; }
h3 { font-size: 1.25em; }
p, table, details, pre, blockquote { margin: 0 0 16px; }
blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
table { border-collapse: collapse; display: block; max-width: 100%; overflow: auto; }
th, td { padding: 6px 13px; border: 1px solid #d1d9e0; }
th { font-weight: 600; }
tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace;
  padding: .2em .4em; background: #818b981f; border-radius: 6px; }
pre { padding: 16px; background: #f6f8fa; border-radius: 6px; overflow: auto; }
pre code { padding: 0; background: none; }
a { color: #0969da; text-decoration: none; }
summary { cursor: pointer; }
.mermaid { background: #ffffff; text-align: center; }
`

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"]/g, (char) => `&#${char.charCodeAt(0)};`)

function markdownToHtml(markdown: string): string {
  const renderer = new MarkdownIt({ html: true, linkify: false })
  const defaultFence = renderer.renderer.rules.fence
  renderer.renderer.rules.fence = (tokens, index, options, env, self) => {
    const token = tokens[index]
    if (token?.info.trim() === 'mermaid')
      return `<pre class="mermaid">${escapeHtml(token.content)}</pre>\n`
    return defaultFence ? defaultFence(tokens, index, options, env, self) : ''
  }
  // A reviewer wants to see what a click would open.
  const body = renderer.render(markdown).replace(/<details>/g, '<details open>')
  return `<!doctype html><html><head><meta charset="utf-8"><style>${GITHUB_CSS}</style></head><body><main>${body}</main></body></html>`
}

/**
 * In the page: parse every chart first (a parse error names the line), then render them all, and
 * report what failed. Mermaid draws an error SVG (aria-roledescription "error") for a chart it
 * could not render; that counts as a failure too.
 */
const RENDER_CHARTS = `(async () => {
  const mermaid = globalThis.mermaid
  mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' })
  const blocks = [...document.querySelectorAll('pre.mermaid')]
  const errors = []
  for (const [index, block] of blocks.entries()) {
    try { await mermaid.parse(block.textContent) }
    catch (error) { errors.push('chart ' + (index + 1) + ': ' + (error && error.message ? error.message : String(error))) }
  }
  try { await mermaid.run({ nodes: blocks }) }
  catch (error) { errors.push('render: ' + (error && error.message ? error.message : String(error))) }
  const drawn = document.querySelectorAll('pre.mermaid svg').length
  const errorSvgs = document.querySelectorAll('svg[aria-roledescription="error"]').length
  if (errorSvgs > 0) errors.push(errorSvgs + ' chart(s) drawn as a Mermaid error')
  return { charts: blocks.length, drawn, errors }
})()`

/** In the page: each chart's box, with the legend paragraph right after it, in page pixels. */
const CHART_BOXES = `[...document.querySelectorAll('pre.mermaid')].map((chart) => {
  const boxes = [chart, chart.nextElementSibling].filter(Boolean).map((element) => element.getBoundingClientRect())
  const top = Math.min(...boxes.map((box) => box.top)) + scrollY
  const bottom = Math.max(...boxes.map((box) => box.bottom)) + scrollY
  const left = Math.min(...boxes.map((box) => box.left))
  const right = Math.max(...boxes.map((box) => box.right))
  return { x: left, y: top, width: right - left, height: bottom - top }
})`

interface Box {
  x: number
  y: number
  width: number
  height: number
}

interface ChartReport {
  charts: number
  drawn: number
  errors: string[]
}

/** The demo's job summaries, one file per step, in a fresh directory. */
function demoSummaries(): string {
  const directory = mkdtempSync(join(tmpdir(), 'fis-gate-summaries-'))
  console.log(`Running npm run demo (its summaries go to ${directory}) …`)
  const demo = spawnSync('npm', ['run', 'demo'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEMO_SUMMARY_DIR: directory }
  })
  // The demo exits with the release gate's result; a failing gate still wrote its summaries.
  if (demo.error) throw demo.error
  return directory
}

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(name)
  return index === -1 ? undefined : process.argv[index + 1]
}

async function main(): Promise<number> {
  const from = argument('--from')
  const out = resolve(root, argument('--out') ?? '.visual')
  const directory = from ? resolve(from) : demoSummaries()
  const files = existsSync(directory)
    ? readdirSync(directory)
        .filter((file) => file.endsWith('.md'))
        .sort()
    : []
  if (files.length === 0) {
    console.error(
      `No .md summaries in ${directory}${from ? '' : ' (does the demo write DEMO_SUMMARY_DIR yet? try --from <dir>)'}`
    )
    return 1
  }
  if (!existsSync(MERMAID_BUNDLE)) {
    console.error(`No Mermaid bundle at ${MERMAID_BUNDLE}: run npm ci`)
    return 1
  }
  rmSync(out, { recursive: true, force: true })
  mkdirSync(out, { recursive: true })
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_FLAGS,
    headless: true
  })
  let failures = 0
  try {
    for (const file of files) {
      const page = await browser.newPage({ viewport: { width: 1012, height: 800 } })
      // Nothing from the network: the summary, the CSS and the bundle are all there is.
      await page.route('**/*', (route) => route.abort())
      await page.setContent(markdownToHtml(readFileSync(join(directory, file), 'utf8')))
      await page.addScriptTag({ path: MERMAID_BUNDLE })
      const report = (await page.evaluate(RENDER_CHARTS)) as ChartReport
      const png = join(out, `${basename(file, '.md')}.png`)
      await page.screenshot({ path: png, fullPage: true })
      const boxes = (await page.evaluate(CHART_BOXES)) as Box[]
      for (const [index, clip] of boxes.entries())
        await page.screenshot({
          path: join(out, `${basename(file, '.md')}.chart-${index + 1}.png`),
          clip,
          fullPage: true
        })
      await page.close()
      const verdict = report.errors.length ? 'MERMAID ERROR' : 'ok'
      console.log(
        `${verdict.padEnd(13)} ${file} → ${png} (${report.drawn} of ${report.charts} charts)`
      )
      for (const error of report.errors) console.error(`  ${error}`)
      if (report.errors.length) failures += 1
    }
  } finally {
    await browser.close()
  }
  if (failures)
    console.error(`${failures} of ${files.length} summaries have a chart Mermaid could not render`)
  return failures ? 1 : 0
}

process.exitCode = await main()
