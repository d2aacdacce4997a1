// goldthread's only script: start GOV.UK Frontend's and MOJ Frontend's
// components (sortable tables among them). Every page works without it.
import { initAll } from './govuk-frontend.min.js'
import { initAll as initMojAll } from './moj-frontend.min.js'

initAll()
initMojAll()
