// Browser tests: Playwright (playwright-core) drives Debian's Chromium
// against `goldthread serve` on the demo database, and axe-core checks
// every page against WCAG 2.2 AA. Screenshots go to $GT_SCREENSHOTS.
//
// Run by meson (tests/browser/meson.build) with GOLDTHREAD_BIN set; the
// tools come from web/node_modules (npm ci in web/).
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { launch, checkAccessible, root, shots, unexpectedServerLines } from './browser.mjs'

const bin = process.env.GOLDTHREAD_BIN || path.join(root, 'build', 'goldthread')
const port = 18000 + (process.pid % 1000)
const base = `http://127.0.0.1:${port}`
const env = { ...process.env, GOLDTHREAD_CLOCK: '2026-11-27T09:00:00Z' }

let dir, server, browser
let serverErrors = ''

async function waitForServer () {
  for (let i = 0; i < 100; i++) {
    try {
      const r = await fetch(`${base}/sign-in`)
      if (r.ok) return
    } catch {}
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error('the server did not start')
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gt-browser-'))
  mkdirSync(shots, { recursive: true })
  const db = path.join(dir, 'demo.db')
  execFileSync(bin, ['demo', '--quiet', '--no-serve', '--users', '--db', db], { env })
  server = spawn(bin, ['serve', '--db', db, '--port', String(port)],
    { env, stdio: ['ignore', 'ignore', 'pipe'] })
  server.stderr.on('data', chunk => { serverErrors += chunk })
  await waitForServer()
  browser = await launch()
})

after(async () => {
  if (browser) await browser.close()
  if (server) {
    const stopped = new Promise(resolve => server.once('exit', code => resolve(code)))
    server.kill('SIGTERM')
    // a clean stop, and nothing on standard error but the request log's
    // lines (no server error among them), nothing from the sanitizers
    assert.equal(await stopped, 0)
    assert.deepEqual(unexpectedServerLines(serverErrors), [])
  }
  if (dir) rmSync(dir, { recursive: true, force: true })
})

// axe-core runs inside the page; the context bypasses our CSP only so the
// test can inject it.
async function newPage () {
  const context = await browser.newContext({ bypassCSP: true })
  return context.newPage()
}

async function signIn (page, username, password) {
  await page.goto(`${base}/sign-in`)
  await page.getByLabel('Username').fill(username)
  await page.getByLabel('Password').fill(password)
  await page.getByRole('button', { name: 'Sign in' }).click()
  await page.waitForURL(`${base}/`)
}

test('a lead records Amber with a comment and sees it in the history and on the home page', async () => {
  const page = await newPage()
  await page.goto(`${base}/sign-in`)
  await checkAccessible(page, 'sign-in')
  await signIn(page, 'lead', 'demo-lead-password')
  assert.ok(await page.getByRole('table', { name: 'Your work' }).isVisible())
  await checkAccessible(page, 'home')

  await page.getByRole('link', { name: 'Plans', exact: true }).click()
  await checkAccessible(page, 'plans')
  await page.getByRole('link', { name: "Children's Services Improvement Plan 2026 to 2027" }).click()
  await checkAccessible(page, 'plan')
  await page.getByRole('link', { name: /T1\.2\.1 Agree shared decision making/ }).click()
  await checkAccessible(page, 'item')

  // a mistake first: no status chosen
  await page.getByRole('button', { name: 'Save update' }).click()
  assert.ok(await page.getByText('There is a problem').isVisible())
  await checkAccessible(page, 'item-error')

  await page.getByLabel(/^Amber/).check()
  await page.getByLabel('Commentary').fill('Police seat still vacant; escalated to the chair.')
  const file = path.join(dir, 'board-minutes.txt')
  writeFileSync(file, 'Minutes of the MASH board: police seat still vacant.\n')
  await page.getByLabel('Evidence (optional)').setInputFiles(file)
  await page.getByRole('button', { name: 'Save update' }).click()
  assert.ok(await page.getByText('The status update is saved.').isVisible())
  const history = page.locator('.moj-timeline__item').first()
  assert.match(await history.innerText(), /Amber[\s\S]*Police seat still vacant[\s\S]*Evidence: board-minutes\.txt/)
  const href = await history.getByRole('link', { name: 'board-minutes.txt' }).getAttribute('href')
  const download = await page.request.get(`${base}${href}`)
  assert.equal(await download.text(), 'Minutes of the MASH board: police seat still vacant.\n')
  assert.match(download.headers()['content-disposition'], /^attachment/)

  await page.getByRole('link', { name: 'Home', exact: true }).click()
  const recent = page.getByRole('table', { name: 'Recently updated' })
  assert.match(await recent.innerText(), /T1\.2\.1 Agree shared decision making/)
  await page.context().close()
})

test("an administrator's pages are accessible", async () => {
  const page = await newPage()
  await signIn(page, 'admin', 'demo-admin-password')
  await page.getByRole('link', { name: 'Users', exact: true }).click()
  await checkAccessible(page, 'users')
  await page.getByRole('link', { name: 'Audit log', exact: true }).click()
  await checkAccessible(page, 'audit')
  await page.getByRole('link', { name: 'Import', exact: true }).click()
  await checkAccessible(page, 'import')
  await page.goto(`${base}/admin/plans/new`)
  await checkAccessible(page, 'plan-new')
  await page.goto(`${base}/items/36`)
  await page.getByRole('link', { name: 'Change this item' }).click()
  await checkAccessible(page, 'item-edit')
  await page.goto(`${base}/items/36`)
  await page.getByRole('link', { name: 'Add an item beneath it' }).click()
  await checkAccessible(page, 'item-new')
  await page.getByLabel('Title').fill('Review the MASH protocol')
  await page.getByLabel('Deadline').fill('Jnauary 2027')
  await page.getByRole('button', { name: 'Save' }).click()
  assert.ok(await page.getByText('There is a problem').isVisible())
  await checkAccessible(page, 'item-new-error')
  // keep the improvement plan as a version, have it approved, publish it
  await page.goto(`${base}/plans/imp/versions`)
  await page.getByLabel('What changed (optional)').fill('For the Cabinet meeting')
  await page.getByLabel('Review date (optional)').fill('someday')
  await page.getByRole('button', { name: 'Keep a new version' }).click()
  assert.ok(await page.getByText('There is a problem').isVisible())
  await checkAccessible(page, 'version-new-error')
  await page.getByLabel('Review date (optional)').fill('31 March 2027')
  await page.getByRole('button', { name: 'Keep a new version' }).click()
  await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor()
  await page.getByLabel('Who approved it').fill('Cabinet')
  await page.getByLabel('The person or meeting').fill('Cabinet meeting')
  await page.getByRole('button', { name: 'Record the approval' }).click()
  await page.getByRole('button', { name: 'Publish version 1' }).waitFor()
  await checkAccessible(page, 'version-approved')
  await page.getByRole('button', { name: 'Publish version 1' }).click()
  assert.ok(await page.getByText('Published', { exact: true }).isVisible())
  assert.equal(await page.getByRole('button', { name: 'Record the approval' }).count(), 0)
  await page.context().close()
})

test('a councillor sees no edit control and a forged update is refused', async () => {
  const page = await newPage()
  await signIn(page, 'councillor', 'demo-viewer-password')
  await page.goto(`${base}/items/36`)
  assert.equal(await page.locator('form[action$="/status"]').count(), 0)
  assert.equal(await page.getByRole('button', { name: 'Save update' }).count(), 0)
  const csrf = await page.locator('input[name="csrf"]').first().inputValue()
  const response = await page.request.post(`${base}/items/36/status`, {
    headers: { Origin: base },
    form: { csrf, brag: 'red', 'as-of-day': '27', 'as-of-month': '11', 'as-of-year': '2026' }
  })
  assert.equal(response.status(), 403)
  await page.getByRole('link', { name: 'Golden thread', exact: true }).click()
  await checkAccessible(page, 'thread')
  await page.getByRole('link', { name: 'People', exact: true }).click()
  await checkAccessible(page, 'people')
  await page.getByRole('link', { name: 'Indicators', exact: true }).click()
  await page.getByRole('cell', { name: 'Red', exact: true }).first().waitFor()
  await checkAccessible(page, 'indicators')
  await page.goto(`${base}/plans/csbp`)
  await page.getByRole('link', { name: 'Budget', exact: true }).click()
  await page.getByRole('rowheader', { name: 'Grand total' }).waitFor()
  assert.ok(await page.getByRole('cell', { name: '92,734' }).isVisible())
  await checkAccessible(page, 'budget')
  await page.goto(`${base}/plans/csbp`)
  await page.getByRole('link', { name: 'Risks', exact: true }).click()
  await page.getByRole('img', { name: 'Risks by likelihood and impact' }).waitFor()
  assert.ok(await page.getByText('Overdue', { exact: true }).isVisible())
  await checkAccessible(page, 'risks')
  await page.goto(`${base}/plans/csbp`)
  await page.getByRole('link', { name: 'Workforce', exact: true }).click()
  await page.getByRole('rowheader', { name: 'Total' }).waitFor()
  await page.getByRole('rowheader', { name: 'All teams' }).waitFor()
  // a councillor sees each team's sums, never a worker's name
  assert.equal(await page.getByText('Workers over their band').count(), 0)
  await checkAccessible(page, 'workforce')
  await page.goto(`${base}/plans/csbp`)
  assert.ok(await page.getByRole('heading', { name: 'Our ambitions' }).isVisible())
  await page.getByRole('link', { name: 'Versions and approvals' }).click()
  await page.getByRole('link', { name: 'Version 1', exact: true }).click()
  await page.getByRole('heading', { name: 'Version 1', exact: true }).waitFor()
  assert.ok(await page.getByText('Cabinet (Cabinet meeting), 19 March 2026').isVisible())
  await checkAccessible(page, 'version')
  await page.goto(`${base}/plans/csbp/versions`)
  await checkAccessible(page, 'versions')
  const download = page.waitForEvent('download')
  await page.goto(`${base}/plans/csbp`)
  await page.getByRole('link', { name: /Excel workbook/ }).click()
  const book = await (await download).path()
  assert.equal(readFileSync(book).subarray(0, 2).toString(), 'PK')
  await page.goto(`${base}/no-such-page`)
  await checkAccessible(page, 'not-found')
  await page.context().close()
})

test('a planner enters a value on an indicator page and sees its RAG change', async () => {
  const page = await newPage()
  await signIn(page, 'planner', 'demo-planner-password')
  await page.getByRole('link', { name: 'Indicators', exact: true }).click()
  await checkAccessible(page, 'scorecard')
  await page.getByLabel('RAG').selectOption('Red')
  await page.getByRole('button', { name: 'Apply filters' }).click()
  await checkAccessible(page, 'scorecard-filtered')
  await page.getByRole('link', { name: 'Assessments completed within 45 working days' }).click()
  await checkAccessible(page, 'indicator')
  const latest = page.locator('.govuk-summary-list__row', { hasText: 'Latest' })
  assert.match(await latest.innerText(), /Red\s+46\.1% in Q2 2026\/27/)
  assert.ok(await page.getByRole('img', { name: 'Assessments completed within 45 working days' }).isVisible())

  // a mistake first: the value is not a number
  await page.getByLabel('Period', { exact: true }).fill('Q2 2026/27')
  await page.getByLabel('Value', { exact: true }).fill('eighty-six')
  await page.getByRole('button', { name: 'Save' }).click()
  assert.ok(await page.getByText('There is a problem').isVisible())
  await checkAccessible(page, 'indicator-error')

  await page.getByLabel('Value', { exact: true }).fill('86')
  await page.getByLabel('Target', { exact: true }).fill('85')
  await page.getByLabel('Note', { exact: true }).fill('Agency cover brought the backlog down')
  await page.getByRole('button', { name: 'Save' }).click()
  assert.match(await latest.innerText(), /Green\s+86\.0% in Q2 2026\/27 against a target of 85\.0%/)
  const row = page.getByRole('row', { name: /^Q2 2026\/27/ })
  assert.match(await row.innerText(), /Agency cover brought the backlog down/)

  // the committee report for the plan, with a part marked exempt
  await page.goto(`${base}/plans/csbp`)
  await page.getByRole('link', { name: 'Committee report' }).click()
  await page.getByRole('checkbox', { name: 'Overdue work' }).check()
  await page.getByRole('button', { name: 'Show the report' }).click()
  assert.ok(await page.getByText('This part is exempt from publication.').isVisible())
  const scorecard = page.getByRole('table', { name: "Indicators that measure this plan's work" })
  assert.match(await scorecard.innerText(), /Assessments completed within 45 working days \(ASSESS45\)[\s\S]*86\.0%[\s\S]*Green/)
  await checkAccessible(page, 'report')
  await page.context().close()
})

test('an analyst opens the child-level records, a breach list and its download; a councillor cannot', async () => {
  const page = await newPage()
  await signIn(page, 'analyst', 'demo-analyst-password')
  await page.getByRole('link', { name: 'Child-level records', exact: true }).click()
  await page.getByRole('heading', { name: 'Child-level records' }).waitFor()
  assert.ok(await page.getByText('2025/26, counts at 31 March 2026').isVisible())
  await checkAccessible(page, 'csc')
  // a quarter instead, then a mistake shown on the form
  await page.getByLabel('Period').fill('Q1 2025/26')
  await page.getByRole('button', { name: 'Show' }).click()
  assert.ok(await page.getByText('Q1 2025/26, counts at 30 June 2025').isVisible())
  await page.getByLabel('Period').fill('the spring')
  await page.getByRole('button', { name: 'Show' }).click()
  assert.ok(await page.getByText('There is a problem').isVisible())
  await checkAccessible(page, 'csc-error')
  await page.getByLabel('Period').fill('2025/26')
  await page.getByRole('button', { name: 'Show' }).click()
  await page.getByRole('link', { name: 'Breaches of CSC-ICPC15' }).click()
  await page.getByRole('heading', { name: /conference/i }).waitFor()
  const late = await page.locator('tbody tr').count()
  assert.ok(late > 0, 'some conferences were late')
  assert.equal(await page.getByText('Yes', { exact: true }).count(), 0)
  await checkAccessible(page, 'csc-rows')
  await page.getByLabel('Show the rows in time too').check()
  await page.getByRole('button', { name: 'Show' }).click()
  assert.ok(await page.locator('tbody tr').count() > late)
  const download = page.waitForEvent('download')
  await page.getByRole('link', { name: 'Download these rows (CSV)' }).click()
  const file = await (await download).path()
  const csv = readFileSync(file, 'utf8')
  // a byte-order mark first, so that Excel reads it as UTF-8
  assert.match(csv, /^\uFEFFchild,team,worker,from,to,working days,within timescale\r\n/)
  assert.ok(csv.trim().split('\n').length - 1 > late)
  await page.context().close()

  const viewer = await newPage()
  await signIn(viewer, 'councillor', 'demo-viewer-password')
  assert.equal(await viewer.getByRole('link', { name: 'Child-level records' }).count(), 0)
  const response = await viewer.goto(`${base}/csc`)
  assert.equal(response.status(), 403)
  await viewer.context().close()
})
