// What the browser tests share: Debian's Chromium through playwright-core,
// and axe-core's WCAG 2.2 AA check of a page (with a screenshot), from
// web/node_modules (npm ci in web/).
import assert from 'node:assert/strict'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))
export const root = path.resolve(here, '../..')
const web = createRequire(path.join(root, 'web', 'package.json'))
const { chromium } = web('playwright-core')
const axePath = web.resolve('axe-core/axe.min.js')
export const shots = process.env.GT_SCREENSHOTS || path.join(root, 'build', 'screenshots')

export async function launch () {
  mkdirSync(shots, { recursive: true })
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update',
      '--disable-sync']
  })
}

export async function checkAccessible (page, name) {
  await page.addScriptTag({ path: axePath })
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    return axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] }
    })
  })
  const problems = result.violations.map(v =>
    `${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)
  assert.deepEqual(problems, [], `axe-core on ${name}`)
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true })
}

// What a server wrote on standard error beyond the request log's lines,
// and any server error among those: both should be nothing.
export function unexpectedServerLines (text) {
  return text.split('\n').filter(line => line &&
    (!/^\d{4}-\d\d-\d\dT[\d:.]+Z \S+ \S+ "[A-Z]+ \S*" \d{3} \d+ [\d.]+ms( kept)?$/.test(line) ||
     / 5\d\d \d+ [\d.]+ms/.test(line)))
}
