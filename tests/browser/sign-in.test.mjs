// Sign-in through the council's identity provider, end to end: Chromium
// opens goldthread through a real Apache over TLS (a self-signed
// certificate made here), whose mod_auth_openidc signs the person in
// against a small OpenID provider started here (tests/sign-in/), and
// passes who they are and their groups to `goldthread serve
// --proxy-sign-in`. axe-core checks the goldthread pages on the way.
import { test, before, after } from 'node:test'
import assert from 'node:assert/strict'
import { spawn, execFileSync } from 'node:child_process'
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'

import { launch, checkAccessible, root, unexpectedServerLines } from './browser.mjs'

const bin = process.env.GOLDTHREAD_BIN || path.join(root, 'build', 'goldthread')
const gtPort = 21000 + (process.pid % 1000)
const opPort = gtPort + 1000
const apPort = gtPort + 2000
const base = `https://127.0.0.1:${apPort}`
const env = { ...process.env, GOLDTHREAD_CLOCK: '2026-11-27T09:00:00Z' }
const secret = 'proxy-secret-' + Math.random().toString(36).slice(2) + '0123456789abcdef0123'
const modules = '/usr/lib/apache2/modules'

let dir, gt, op, apache, browser
const logs = { gt: '', op: '', apache: '' }

async function waitFor (url) {
  for (let i = 0; i < 150; i++) {
    if ([gt, op, apache].some(p => p && p.exitCode !== null)) break
    try {
      await fetch(url)
      return
    } catch {}
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  throw new Error(`${url} did not answer: ${JSON.stringify(logs)}`)
}

function apacheConf () {
  // as root Apache hands its workers to an unprivileged user
  const asRoot = process.getuid() === 0
  return `ServerRoot ${dir}
ServerName 127.0.0.1
Listen 127.0.0.1:${apPort}
PidFile ${dir}/apache.pid
DefaultRuntimeDir ${dir}
Mutex file:${dir} default
ErrorLog ${dir}/apache-error.log
LogLevel warn
${asRoot ? 'User nobody\nGroup nogroup' : ''}
LoadModule mpm_event_module ${modules}/mod_mpm_event.so
LoadModule authn_core_module ${modules}/mod_authn_core.so
LoadModule authz_core_module ${modules}/mod_authz_core.so
LoadModule authz_user_module ${modules}/mod_authz_user.so
LoadModule headers_module ${modules}/mod_headers.so
LoadModule proxy_module ${modules}/mod_proxy.so
LoadModule proxy_http_module ${modules}/mod_proxy_http.so
LoadModule socache_shmcb_module ${modules}/mod_socache_shmcb.so
LoadModule ssl_module ${modules}/mod_ssl.so
LoadModule auth_openidc_module ${modules}/mod_auth_openidc.so
SSLSessionCache shmcb:${dir}/ssl_cache(512000)
<VirtualHost 127.0.0.1:${apPort}>
  SSLEngine on
  SSLCertificateFile ${dir}/proxy.crt
  SSLCertificateKeyFile ${dir}/proxy.key
  OIDCProviderMetadataURL http://127.0.0.1:${opPort}/.well-known/openid-configuration
  OIDCClientID goldthread
  OIDCClientSecret client-secret-for-the-test
  OIDCRedirectURI ${base}/oidc/callback
  OIDCCryptoPassphrase ${secret}-crypto
  OIDCScope "openid profile"
  OIDCRemoteUserClaim preferred_username
  <Location />
    AuthType openid-connect
    Require valid-user
  </Location>
  <Location /sign-in>
    AuthType None
    Require all granted
  </Location>
  # what goldthread believes, from this proxy alone: any the client sent
  # are dropped, and set only for someone the provider signed in
  RequestHeader unset X-Goldthread-User
  RequestHeader unset X-Goldthread-Name
  RequestHeader unset X-Goldthread-Groups
  RequestHeader set X-Goldthread-Secret "${secret}"
  RequestHeader set X-Goldthread-User "%{OIDC_CLAIM_preferred_username}e" env=OIDC_CLAIM_preferred_username
  RequestHeader set X-Goldthread-Name "%{OIDC_CLAIM_name}e" env=OIDC_CLAIM_name
  RequestHeader set X-Goldthread-Groups "%{OIDC_CLAIM_groups}e" env=OIDC_CLAIM_groups
  RequestHeader set X-Forwarded-Proto https
  ProxyPreserveHost On
  ProxyPass /oidc/callback !
  ProxyPass / http://127.0.0.1:${gtPort}/
  ProxyPassReverse / http://127.0.0.1:${gtPort}/
</VirtualHost>
`
}

before(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'gt-sign-in-'))
  chmodSync(dir, 0o755)
  const db = path.join(dir, 'gt.db')
  execFileSync(bin, ['demo', '--quiet', '--no-serve', '--users', '--db', db], { env })
  writeFileSync(path.join(dir, 'sso.conf'),
    `secret = ${secret}\nplanner = GT Planners\nviewer = GT Councillors\n` +
    `sign-out = /oidc/callback?logout=${encodeURIComponent(base + '/sign-in')}\n`,
    { mode: 0o600 })
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes',
    '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1',
    '-days', '2', '-keyout', path.join(dir, 'proxy.key'),
    '-out', path.join(dir, 'proxy.crt')], { stdio: 'ignore' })
  writeFileSync(path.join(dir, 'apache.conf'), apacheConf())

  gt = spawn(bin, ['serve', '--db', db, '--port', String(gtPort),
    '--trust-proxy', '127.0.0.1', '--proxy-sign-in', path.join(dir, 'sso.conf')],
  { env, stdio: ['ignore', 'ignore', 'pipe'] })
  gt.stderr.on('data', chunk => { logs.gt += chunk })
  op = spawn('/usr/bin/python3', [path.join(root, 'tests/sign-in/openid-provider.py'),
    String(opPort), 'goldthread', 'client-secret-for-the-test'],
  { stdio: ['ignore', 'ignore', 'pipe'] })
  op.stderr.on('data', chunk => { logs.op += chunk })
  await waitFor(`http://127.0.0.1:${gtPort}/sign-in`)
  await waitFor(`http://127.0.0.1:${opPort}/.well-known/openid-configuration`)
  apache = spawn('/usr/sbin/apache2', ['-f', path.join(dir, 'apache.conf'), '-DFOREGROUND'],
    { stdio: ['ignore', 'ignore', 'pipe'] })
  apache.stderr.on('data', chunk => { logs.apache += chunk })
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0'
  await waitFor(`${base}/sign-in`)
  browser = await launch()
})

after(async () => {
  if (browser) await browser.close()
  for (const p of [apache, op, gt]) {
    if (p && p.exitCode === null) {
      const stopped = new Promise(resolve => p.once('exit', resolve))
      p.kill('SIGTERM')
      await stopped
    }
  }
  // goldthread stopped cleanly, with no server error on the way
  assert.equal(gt.exitCode, 0)
  assert.deepEqual(unexpectedServerLines(logs.gt), [])
  if (dir && process.env.GT_KEEP_SIGN_IN) console.log(dir)
  else if (dir) rmSync(dir, { recursive: true, force: true })
})

async function newPage () {
  const context = await browser.newContext({ bypassCSP: true, ignoreHTTPSErrors: true })
  return { context, page: await context.newPage() }
}

async function signInAtProvider (page, username) {
  await page.goto(`${base}/`)
  await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${opPort}/authorize`))
  await page.getByLabel('Username').fill(username)
  await page.getByRole('button', { name: 'Sign in' }).click()
}

test('a planner signs in through the council\'s identity provider over TLS', async () => {
  const { context, page } = await newPage()
  const answers = []
  page.on('response', r => { if (r.url() === `${base}/`) answers.push(r) })
  await signInAtProvider(page, 'pat')
  await page.waitForURL(`${base}/`)
  assert.ok(await page.getByText('Pat Planner').first().isVisible(), 'named in the header')
  await checkAccessible(page, 'sign-in-provider-home')
  // goldthread knows it is behind TLS: a Secure session cookie and HSTS
  const cookie = (await context.cookies()).find(c => c.name === 'gt_session')
  assert.ok(cookie && cookie.secure && cookie.httpOnly, 'a Secure, HttpOnly session cookie')
  const last = answers[answers.length - 1]
  assert.match((await last.allHeaders())['strict-transport-security'] || '', /max-age=31536000/)
  // the person was made with the role their group gives, and no password
  const row = execFileSync('sqlite3', [path.join(dir, 'gt.db'),
    "SELECT role, display_name, password_hash LIKE '$argon2%' FROM app_user WHERE username = 'pat'"]).toString().trim()
  assert.equal(row, 'planner|Pat Planner|0')
  // a planner's page works through the proxy, forms and all
  await page.goto(`${base}/admin/plans/new`)
  assert.ok(await page.getByRole('heading', { name: 'New plan' }).isVisible())
  await checkAccessible(page, 'sign-in-provider-new-plan')
  // signing out ends the provider's session too: the next visit asks again
  await page.goto(`${base}/`)
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(`${base}/sign-in`)
  await page.goto(`${base}/`)
  await page.waitForURL(new RegExp(`^http://127\\.0\\.0\\.1:${opPort}/authorize`))
  await context.close()
})

test('someone the provider knows but goldthread gives no role is told so', async () => {
  const { context, page } = await newPage()
  await signInAtProvider(page, 'sam')
  await page.waitForURL(`${base}/`)
  assert.ok(await page.getByRole('heading', { name: 'You have not been given access to goldthread' }).isVisible())
  await checkAccessible(page, 'sign-in-provider-no-access')
  const users = execFileSync('sqlite3', [path.join(dir, 'gt.db'),
    "SELECT count(*) FROM app_user WHERE username = 'sam'"]).toString().trim()
  assert.equal(users, '0')
  await context.close()
})

test('headers a client sends through the proxy are replaced, never believed', async () => {
  const r = await fetch(`${base}/sign-in`, {
    headers: { 'X-Goldthread-User': 'admin', 'X-Goldthread-Secret': secret, 'X-Goldthread-Groups': 'GT Planners' },
    redirect: 'manual'
  })
  // /sign-in is open without the provider: no one is signed in by the
  // client's own headers, so the page asks for a password
  assert.equal(r.status, 200)
  assert.match(await r.text(), /Password/)
  assert.ok(!logs.gt.includes(' admin "GET /sign-in"'), 'not signed in as admin')
})
