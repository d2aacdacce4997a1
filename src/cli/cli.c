/*
 * cli: the command table, dispatch and help. See cli.h. Argument parsing
 * and shared helpers are in args.c; the handlers are in cmd_*.c.
 */
#include "cli/cli.h"
#include "core/child_key.h"
#include "core/mem.h"
#include "io/xlsx_read.h"
#include "report/report.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define DB_FLAG                                                                \
    {                                                                          \
        "--db", "FILE",                                                        \
            "database file (default $GOLDTHREAD_DB, "                          \
            "else ./goldthread.db)"                                            \
    }
#define CSC_FLAGS                                                              \
    {"--period", "P", "the period (2016/17, Q1 2016/17, April 2016, ...)"},    \
        {"--as-at", "DATE", "the date of counts (default the period's end)"},  \
        {"--strict", NULL, "stop at the first rejected row"},                  \
    {                                                                          \
        "--holidays", "FILE",                                                  \
            "bank holidays in GOV.UK's bank-holidays.json shape"               \
    }
#define SHEET_FLAG                                                             \
    {                                                                          \
        "--sheet", "NAME", "the workbook's sheet to read (default the first)"  \
    }
#define AS_OF_FLAG(what)                                                       \
    {                                                                          \
        "--as-of", "DATE", what                                                \
    }

const struct cli_command cli_commands[] = {
    {"init",
     "",
     0,
     0,
     "create or upgrade the database",
     "Creates the database file if it does not exist and brings its schema\n"
     "up to date. --org, --ons and --la record the council's name, ONS GSS\n"
     "code and DfE local authority code.",
     {DB_FLAG,
      {"--org", "NAME", "the council's name"},
      {"--ons", "CODE", "ONS GSS code, e.g. E06000040"},
      {"--la", "CODE", "DfE three-digit LA code, e.g. 868"}},
     true,
     cmd_init},
    {"unit add",
     "NAME",
     1,
     1,
     "add a directorate, division, service or team",
     "Adds an organisational unit. Plans can then name it as their owner,\n"
     "and roll-ups can count the work of a unit and the units beneath it.",
     {DB_FLAG,
      {"--kind", "KIND", "directorate, division, service or team"},
      {"--parent", "NAME", "the unit this one sits in"}},
     true,
     cmd_unit_add},
    {"plan add",
     "CODE",
     1,
     1,
     "add an empty plan",
     "Adds a plan with a short unique CODE (used to name its items, as\n"
     "CODE:REF). KIND is corporate, partnership, directorate, service\n"
     "development, improvement, team or individual.",
     {DB_FLAG,
      {"--title", "TEXT", "the plan's title (required)"},
      {"--kind", "KIND", "the kind of plan (required)"},
      {"--unit", "NAME", "the unit that owns the plan"},
      {"--from", "DATE", "first day of the plan's period"},
      {"--to", "DATE", "last day of the plan's period"},
      {"--review", "DATE", "when the plan is next reviewed"}},
     true,
     cmd_plan_add},
    {"plan list",
     "",
     0,
     0,
     "list plans with their status counts",
     "Lists every plan: code, kind, title, period and the count of its\n"
     "work by current status.",
     {DB_FLAG, AS_OF_FLAG("count statuses as of this date (default today)")},
     true,
     cmd_plan_list},
    {"plan show",
     "PLAN",
     1,
     1,
     "show a plan as a tree with statuses",
     "Prints the plan's tree: each item's ref, kind, title and status (as a\n"
     "word), with lead, deadline and monitoring, and an overdue marker for\n"
     "work due before the as-of date that is not Blue.",
     {DB_FLAG, AS_OF_FLAG("statuses and overdue as of this date")},
     true,
     cmd_plan_show},
    {"import plan",
     "FILE.csv",
     1,
     1,
     "import a plan from a spreadsheet CSV",
     "Reads the improvement-plan table councils already keep: columns\n"
     "Theme, Theme owner, Action, Milestone, Lead, Deadline, Monitoring,\n"
     "and optionally Ref, Priority, Kind, Source, Status, Commentary,\n"
     "Contributes to. Empty Priority, Theme and Action cells continue the\n"
     "one above. Every problem is listed as FILE:LINE: COLUMN: message and\n"
     "nothing is written unless there are none. See docs/formats.md.",
     {DB_FLAG,
      {"--plan", "CODE", "the plan to fill (required; created if new)"},
      {"--title", "TEXT", "title of a new plan"},
      {"--kind", "KIND", "kind of a new plan (default improvement)"},
      AS_OF_FLAG("as-of date of imported statuses (default today)"),
      {"--by", "PERSON", "who imported statuses are recorded against"},
      SHEET_FLAG,
      {"--timing", NULL,
       "say how long reading took and how long the write lock was held"}},
     true,
     cmd_import_plan},
    {"export plan",
     "PLAN",
     1,
     1,
     "export a plan as CSV, JSON or an Excel workbook",
     "Writes the plan in the import shape (CSV) or as JSON, to standard\n"
     "output or --out FILE. Importing the CSV gives an equal plan.\n"
     "--format xlsx writes one workbook to --out: the plan, its indicators'\n"
     "values, budget and forecast, risks, workforce and caseloads, a sheet\n"
     "each in the shape its import reads (import each with --sheet NAME).",
     {DB_FLAG,
      {"--format", "csv|json|xlsx", "output format (default csv)"},
      {"--out", "FILE", "write here instead of standard output"},
      AS_OF_FLAG("statuses as of this date (default latest)")},
     true,
     cmd_export_plan},
    {"status",
     "PLAN:REF",
     1,
     1,
     "record a BRAG status update",
     "Appends a status update to an item: Blue (fully completed), Red\n"
     "(fully stuck), Amber (more work needed or resolvable issue in sight),\n"
     "Green (in progress, no barriers) or Not rated, with commentary and\n"
     "optionally a file of evidence. History is never overwritten. The\n"
     "current status is the update describing the latest day; an update\n"
     "for an earlier day is refused unless --earlier says it is history.",
     {DB_FLAG,
      {"--brag", "STATUS", "Blue, Red, Amber, Green or Not rated"},
      {"--comment", "TEXT", "commentary"},
      {"--evidence", "FILE", "attach this file (up to 10 MiB)"},
      {"--by", "PERSON", "who is reporting"},
      {"--earlier", NULL,
       "record it though it describes a day before the current status "
       "(it goes into the history; the status stays)"},
      AS_OF_FLAG("the date the status describes (default today)")},
     true,
     cmd_status},
    {"history",
     "PLAN:REF",
     1,
     1,
     "show an item's status history",
     "Lists every status update of an item, newest first, with who, when,\n"
     "commentary and evidence.",
     {DB_FLAG},
     true,
     cmd_history},
    {"overdue",
     "",
     0,
     0,
     "list overdue work",
     "Lists items due before the as-of date that are not Blue. Ongoing and\n"
     "recurring deadlines have no final date and are never overdue.",
     {DB_FLAG,
      AS_OF_FLAG("overdue as of this date (default today)"),
      {"--lead", "NAME", "only work this person leads"},
      {"--plan", "CODE", "only this plan"}},
     true,
     cmd_overdue},
    {"link",
     "PLAN:REF",
     1,
     1,
     "link an item up the golden thread",
     "Records that the item contributes to another item, usually in\n"
     "another plan. Links that would make the thread loop are refused.",
     {DB_FLAG,
      {"--contributes-to", "PLAN:REF", "the item it serves (required)"}},
     true,
     cmd_link},
    {"thread",
     "PLAN:REF",
     1,
     1,
     "show the golden thread through an item",
     "Prints the path up from the item to the corporate outcomes it serves\n"
     "(through the items it sits in and the items they contribute to), and\n"
     "everything that contributes to it below.",
     {DB_FLAG,
      {"--up", NULL, "only the path up"},
      {"--down", NULL, "only what contributes below"},
      AS_OF_FLAG("statuses as of this date")},
     true,
     cmd_thread},
    {"check",
     "PLAN",
     1,
     1,
     "list gaps in a plan",
     "Lists work with no lead, no deadline or no monitoring, deadlines\n"
     "outside the plan's period, actions with no milestone, and top-level\n"
     "items not linked up the thread. Exits 1 when it finds any.",
     {DB_FLAG},
     true,
     cmd_check},
    {"rollup",
     "[PLAN]",
     0,
     1,
     "count work by status",
     "Counts work by current status (never an average): for a plan, each\n"
     "of its priorities and themes, and each lead; or for one --lead,\n"
     "--unit or --item. Only work at the bottom of the tree is counted.",
     {DB_FLAG,
      {"--lead", "NAME", "count the work this person leads"},
      {"--unit", "NAME", "count plans owned by this unit and those beneath"},
      {"--item", "PLAN:REF", "count the work beneath this item"},
      AS_OF_FLAG("statuses as of this date (default today)")},
     true,
     cmd_rollup},
    {"demo",
     "",
     0,
     0,
     "build the demonstration database and serve it",
     "Builds demo.db (or --db FILE, replacing it) from the example plans\n"
     "carried in the binary: a corporate plan, a directorate business plan,\n"
     "an improvement plan and a service development plan, linked into one\n"
     "golden thread; prints the improvement plan; adds one user for each\n"
     "role and serves the web application, printing the address and the\n"
     "sign-ins.",
     {{"--db", "FILE", "database to build (default demo.db)"},
      {"--quiet", NULL, "do not print the plan"},
      {"--no-serve", NULL, "build the database only"},
      {"--users", NULL, "add the demo users even with --no-serve"},
      {"--port", "PORT", "port to serve on (default 8080)"}},
     false,
     cmd_demo},
    {"serve",
     "",
     0,
     0,
     "serve the web application",
     "Serves the web application until Ctrl-C (SIGINT) or SIGTERM; work in\n"
     "progress finishes first. It listens on 127.0.0.1 unless --bind says\n"
     "otherwise. Behind a reverse proxy, --trust-proxy names the proxy's\n"
     "address: from it alone X-Forwarded-For gives the client (for sign-in\n"
     "limits) and X-Forwarded-Proto https gives Secure cookies and HSTS.\n"
     "--https says every request arrives over TLS. --socket listens on a\n"
     "Unix socket instead, for a proxy on the same machine (--trust-proxy\n"
     "unix then believes it). Each request is logged on standard error as\n"
     "one line: time, client, user, method and path, status, bytes, time\n"
     "taken, and for a server error its number and what went wrong.\n"
     "--proxy-sign-in FILE lets the proxy sign people in through the\n"
     "council's identity provider (docs/operations.md).",
     {DB_FLAG,
      {"--bind", "ADDRESS",
       "IPv4 or IPv6 address (default 127.0.0.1; :: for all)"},
      {"--port", "PORT", "port (default 8080)"},
      {"--socket", "PATH", "listen on this Unix socket instead"},
      {"--trust-proxy", "ADDRESS", "the reverse proxy's address, or unix"},
      {"--proxy-sign-in", "FILE",
       "sign-in by the identity provider through the proxy (settings)"},
      {"--https", NULL, "every request arrives over TLS"},
      {"--no-page-cache", NULL,
       "build every page afresh, for measuring what a page costs"}},
     true,
     cmd_serve},
    {"http",
     "",
     0,
     0,
     "answer one HTTP request from standard input",
     "Reads one raw HTTP/1.1 request (or --request FILE), answers it as\n"
     "the server would and writes the raw response. For tests: --as USER\n"
     "sends it from a new session of USER, with --csrf TOKEN as that\n"
     "session's form token; --bearer USER sends it with a new API token\n"
     "of USER.",
     {DB_FLAG,
      {"--request", "FILE", "read the request from FILE"},
      {"--as", "USER", "send it signed in as USER"},
      {"--csrf", "TOKEN", "the session's form token (with --as)"},
      {"--bearer", "USER", "send it with a new API token of USER"},
      {"--from", "ADDRESS", "the peer's address (default 127.0.0.1)"},
      {"--trust-proxy", "ADDRESS", "as serve --trust-proxy"},
      {"--proxy-sign-in", "FILE", "as serve --proxy-sign-in"},
      {"--https", NULL, "as serve --https"},
      {"--statements", NULL,
       "after the response, write how many SQL statements it ran"}},
     true,
     cmd_http},
    {"token add",
     "USERNAME",
     1,
     1,
     "make an API token for a user",
     "Makes a bearer token for the JSON API at /api/v1/, acting with the\n"
     "user's role. The token is printed once; only its hash is kept.",
     {DB_FLAG, {"--label", "TEXT", "what the token is for"}},
     true,
     cmd_token_add},
    {"token revoke",
     "NUMBER",
     1,
     1,
     "revoke an API token",
     "Revokes the token with this number (printed when it was made).",
     {DB_FLAG},
     true,
     cmd_token_revoke},
    {"kpi add",
     "CODE",
     1,
     1,
     "define a key performance indicator",
     "Adds an indicator with a short unique CODE. UNIT is count, percent,\n"
     "rate10k (per 10,000 children), days, gbp000 (£000) or ratio.\n"
     "POLARITY is higher (higher is better), lower or band (on target within\n"
     "a band). A value within the tolerance of its target is Amber; a\n"
     "movement smaller than --no-change is no change.",
     {DB_FLAG,
      {"--title", "TEXT", "what the indicator measures (required)"},
      {"--unit", "UNIT", "count, percent, rate10k, days, gbp000 or ratio"},
      {"--polarity", "WAY", "higher, lower or band (default higher)"},
      {"--frequency", "HOW", "monthly, quarterly, annual or snapshot"},
      {"--decimals", "N", "decimal places shown, 0 to 4 (default 0)"},
      {"--tolerance", "T", "e.g. 2 (in the unit) or 5% (of the target)"},
      {"--no-change", "N", "smallest movement that counts (default 0)"},
      {"--owner", "PERSON", "who answers for the indicator"},
      {"--definition", "TEXT", "how it is counted"}},
     true,
     cmd_kpi_add},
    {"kpi list",
     "",
     0,
     0,
     "the scorecard: every indicator's latest value",
     "Lists every indicator with its latest period, value, target, RAG\n"
     "(as a word) and direction of travel since the period before.",
     {DB_FLAG},
     true,
     cmd_kpi_list},
    {"kpi show",
     "CODE",
     1,
     1,
     "show an indicator and every period",
     "Prints the definition, then each period's value, target, RAG,\n"
     "direction since the period before and since the same period a\n"
     "year earlier, and note; then the items it measures.",
     {DB_FLAG},
     true,
     cmd_kpi_show},
    {"kpi set",
     "CODE PERIOD",
     2,
     2,
     "record a value or target for a period",
     "Records the value (a number, or x, z, c or low), or the numerator\n"
     "and denominator of a rate, and the target for one period, written\n"
     "as councils write them: 2024/25, Q1 2024/25, April 2024, 12 months\n"
     "to March 2025, 31 March 2025. What the period held before is kept\n"
     "in the audit log.",
     {DB_FLAG,
      {"--value", "V", "the value, or x, z, c or low"},
      {"--numerator", "N", "the rate's numerator"},
      {"--denominator", "D", "the rate's denominator"},
      {"--target", "T", "the target (a band: \"60 to 70\")"},
      {"--note", "TEXT", "commentary on the period"},
      {"--by", "PERSON", "who is entering it"}},
     true,
     cmd_kpi_set},
    {"kpi import",
     "FILE.csv",
     1,
     1,
     "import indicator values or comparators from CSV",
     "Reads columns Code, Period, Value, Numerator, Denominator, Target,\n"
     "Note (Code and Period required); with --comparators, Code, Period,\n"
     "Area type (England, Region, Statistical neighbours or Council), Area\n"
     "and Value. Every problem is listed as FILE:LINE: COLUMN: message and\n"
     "nothing is written unless there are none. See docs/formats.md.",
     {DB_FLAG,
      {"--by", "PERSON", "who the values are recorded against"},
      {"--comparators", NULL, "the file holds comparators"},
      SHEET_FLAG},
     true,
     cmd_kpi_import},
    {"kpi export",
     "[CODE]",
     0,
     1,
     "export indicator values or comparators as CSV",
     "Writes every period of one indicator, or of all, in the import\n"
     "shape, to standard output or --out FILE; with --comparators, their\n"
     "comparators instead.",
     {DB_FLAG,
      {"--out", "FILE", "write here instead of standard output"},
      {"--comparators", NULL, "write comparators instead of values"}},
     true,
     cmd_kpi_export},
    {"kpi link",
     "CODE PLAN:REF",
     2,
     2,
     "record that an indicator measures an item",
     "Links the indicator into the golden thread: it measures the item\n"
     "(an outcome, priority or action) PLAN:REF.",
     {DB_FLAG},
     true,
     cmd_kpi_link},
    {"report",
     "PLAN",
     1,
     1,
     "write the committee report for a plan",
     "Writes the quarterly committee report for PLAN as at a date: document\n"
     "control, a summary in plain words, progress by priority, key\n"
     "achievements (work completed since the last report), areas for\n"
     "development (Red and Amber work with commentary), overdue work, the\n"
     "indicator scorecard and the next deadlines. HTML (the default) and\n"
     "Markdown go to standard output or --out; XLSX and PDF need --out.\n"
     "The same data and dates give the same HTML and Markdown, byte for\n"
     "byte. Parts named in --exempt are marked exempt from publication;\n"
     "--public leaves them out. A part is named by its key (summary,\n"
     "indicators, ...); an unknown one is answered with every key.",
     {DB_FLAG,
      AS_OF_FLAG("the data as it stood on this day (default today)"),
      {"--since", "DATE",
       "the last report's date (default: the end of the quarter before)"},
      {"--format", "F", "html, md, xlsx or pdf (default html)"},
      {"--out", "FILE", "write here instead of standard output"},
      {"--version", "V", "the version for document control (default 1)"},
      {"--exempt", "PARTS", "comma-separated parts exempt from publication"},
      {"--public", NULL, "leave the exempt parts out"}},
     true,
     cmd_report},
    {"budget import",
     "FILE",
     1,
     1,
     "import a plan's revenue budget table",
     "Reads a revenue budget table (CSV, or an Excel workbook's first\n"
     "sheet) as plans print it: a name column, then gross expenditure,\n"
     "grants, other income, total income and council funding, known by\n"
     "their headings; \"\xc2\xa3"
     "000\" in a heading makes the unit thousands.\n"
     "Rows ending \"total\" close a service area, \"Grand total\" the\n"
     "whole; amounts take thousands separators and brackets. It replaces\n"
     "the plan's budget for --year in one transaction. Total income and\n"
     "council funding are computed; where the table's own totals differ\n"
     "from its lines, each difference is listed (within rounding the\n"
     "stated total is kept, beyond it the sum). See docs/formats.md.",
     {DB_FLAG,
      {"--plan", "CODE", "the plan the budget belongs to"},
      {"--year", "YEAR", "the financial year, such as 2017/18"},
      SHEET_FLAG},
     true,
     cmd_budget_import},
    {"budget show",
     "PLAN",
     1,
     1,
     "print a plan's revenue budget",
     "Prints the budget for --year as councils table it: each service\n"
     "area's lines and total, then the grand total, in the unit imported,\n"
     "income in brackets; then each difference between the totals as\n"
     "stated and as the lines give them.",
     {DB_FLAG, {"--year", "YEAR", "the financial year, such as 2017/18"}},
     true,
     cmd_budget_show},
    {"budget forecast",
     "FILE",
     1,
     1,
     "record a month's forecast outturn for a plan's budget",
     "Reads each service area's forecast outturn (CSV or a workbook's\n"
     "first sheet: the area, then a column whose heading says forecast or\n"
     "outturn) for --month of the budget's --year, replacing any for that\n"
     "month, and prints the monitoring: budget, forecast, variance and its\n"
     "percentage, RAG (Green on or under budget or over by less than the\n"
     "Amber threshold, 0.5% unless set, Amber up to the Red one, 2% unless\n"
     "set, Red over by more; see budget thresholds).",
     {DB_FLAG,
      {"--plan", "CODE", "the plan the budget belongs to"},
      {"--year", "YEAR", "the financial year, such as 2026/27"},
      {"--month", "MONTH", "the month reported, such as September 2026"},
      SHEET_FLAG},
     true,
     cmd_budget_forecast},
    {"budget thresholds",
     "",
     0,
     0,
     "print or set the budget monitoring's RAG thresholds",
     "A forecast over budget by less than the Amber threshold is Green, up\n"
     "to the Red threshold Amber, beyond it Red (0.5% and 2% unless set).\n"
     "With --amber and --red (percentages, to two decimal places), sets\n"
     "them for every plan; the change is audited.",
     {DB_FLAG,
      {"--amber", "PCT", "Amber from this share over budget, such as 0.5"},
      {"--red", "PCT", "Red beyond this share over budget, such as 2"}},
     true,
     cmd_budget_thresholds},
    {"workforce import",
     "FILE",
     1,
     1,
     "record a plan's workforce figures by unit and period",
     "Reads rows of Unit, Period, Establishment FTE, Filled FTE, Agency FTE\n"
     "and Sickness days (CSV or a workbook's first sheet); a unit's period\n"
     "given again replaces it. See docs/formats.md.",
     {DB_FLAG,
      {"--plan", "CODE", "the plan the figures belong to"},
      SHEET_FLAG},
     true,
     cmd_workforce_import},
    {"workforce show",
     "PLAN",
     1,
     1,
     "print a plan's workforce figures",
     "Each unit's latest period: establishment, FTE in post, vacancies, the\n"
     "agency share and working days lost per FTE against the target (Green\n"
     "at or under it, Amber within a tenth over, Red beyond), and the\n"
     "total.",
     {DB_FLAG, {"--target", "DAYS", "days lost per FTE aimed for (default 6)"}},
     true,
     cmd_workforce_show},
    {"version create",
     "PLAN",
     1,
     1,
     "keep the plan as it stands as a new version, a draft",
     "Takes a snapshot of the plan that never changes: its fields and\n"
     "sections, items with statuses and commentary, indicators, budget and\n"
     "risks. Versions are numbered 1, 2, ... for each plan. A draft is\n"
     "approved (version approve), then published (version publish).",
     {DB_FLAG,
      {"--note", "TEXT", "what changed in this version"},
      {"--review", "DATE", "when the plan is next to be reviewed"},
      {"--circulation", "TEXT", "who may see it (such as None)"},
      {"--author", "NAME", "who wrote it (default $USER)"},
      AS_OF_FLAG("statuses as of this date (default today)")},
     true,
     cmd_version_create},
    {"version list",
     "PLAN",
     1,
     1,
     "list a plan's versions with their approvals",
     "Each version's number, status, author, date and note, and who\n"
     "approved it when.",
     {DB_FLAG},
     true,
     cmd_version_list},
    {"version show",
     "PLAN N",
     2,
     2,
     "show one version: its details, approvals and digest",
     "--snapshot prints the snapshot itself (JSON) instead.",
     {DB_FLAG, {"--snapshot", NULL, "print the snapshot"}},
     true,
     cmd_version_show},
    {"version approve",
     "PLAN N",
     2,
     2,
     "record a body's approval of a version",
     "A draft becomes approved; an approved version may take more\n"
     "approvals (the author, then a management team, then Cabinet). A\n"
     "published or archived version takes none.",
     {DB_FLAG,
      {"--body", "BODY",
       "who approved: Author, Directorate Management Team, "
       "Cabinet"},
      {"--by", "NAME", "the person or meeting that approved"},
      {"--on", "DATE", "the date of the approval (default today)"}},
     true,
     cmd_version_approve},
    {"version publish",
     "PLAN N",
     2,
     2,
     "publish an approved version",
     "The version published before is archived; a published version can\n"
     "only be archived after.",
     {DB_FLAG},
     true,
     cmd_version_publish},
    {"version archive",
     "PLAN N",
     2,
     2,
     "archive a version",
     "An archived version is kept, unchanged, for the record.",
     {DB_FLAG},
     true,
     cmd_version_archive},
    {"version diff",
     "PLAN N [M]",
     2,
     3,
     "what changed between two versions, or since one",
     "Lists each item, section, indicator value, budget line and risk\n"
     "added, removed or changed from version N to version M, or to the\n"
     "plan as it stands when M is not given.",
     {DB_FLAG},
     true,
     cmd_version_diff},
    {"plan section",
     "PLAN SECTION",
     2,
     2,
     "print or write a section of the departmental plan",
     "The sections are ambitions, budget, outcomes, projects, capabilities\n"
     "and horizon (the horizon scan). --text or --file writes one; --clear\n"
     "removes it.",
     {DB_FLAG,
      {"--text", "TEXT", "the section's text"},
      {"--file", "FILE", "read the section's text from a file"},
      {"--clear", NULL, "remove the section"}},
     true,
     cmd_plan_section},
    {"caseload import",
     "FILE",
     1,
     1,
     "record social workers' caseloads on a date",
     "Reads rows of Team, Worker, Experience and Cases (CSV or a workbook's\n"
     "first sheet). Experience is a band (Newly qualified, After first\n"
     "year, More than two years) or the years since qualifying. A date's\n"
     "caseloads loaded again replace it. See docs/formats.md.",
     {DB_FLAG,
      {"--plan", "CODE", "the plan the caseloads belong to"},
      {"--as-at", "DATE", "the date the cases were counted (default today)"},
      SHEET_FLAG},
     true,
     cmd_caseload_import},
    {"caseload show",
     "PLAN",
     1,
     1,
     "print caseloads against the policy",
     "The latest caseloads: each team's workers, cases, average and how\n"
     "many are over or under their band's range, then every worker over\n"
     "it (a breach of the policy).",
     {DB_FLAG},
     true,
     cmd_caseload_show},
    {"caseload policy",
     "",
     0,
     0,
     "print or change the caseload policy's bands",
     "Without flags, prints the range of cases each experience band should\n"
     "hold (newly qualified 8-10, after the first year 10-12, more than two\n"
     "years 12-20 unless changed). With --band, --low and --high, sets one\n"
     "band's range.",
     {DB_FLAG,
      {"--band", "BAND", "newly-qualified, second-year or experienced"},
      {"--low", "N", "the fewest cases the band should hold"},
      {"--high", "N", "the most cases the band should hold"}},
     true,
     cmd_caseload_policy},
    {"risk import",
     "FILE",
     1,
     1,
     "import a plan's risk register",
     "Reads a risk register (CSV, or an Excel workbook's first sheet): one\n"
     "row a risk with Ref, Risk, Cause, Effect, Owner, Category,\n"
     "likelihood and impact 1 to 5 inherent, residual and target, Review\n"
     "date, and a mitigation (Mitigation, owner, status, due); a row with\n"
     "a blank Ref adds a mitigation to the risk above. Links name the items\n"
     "it threatens as PLAN:REF. It replaces the plan's register in one\n"
     "transaction. See docs/formats.md.",
     {DB_FLAG,
      {"--plan", "CODE", "the plan the register belongs to"},
      SHEET_FLAG},
     true,
     cmd_risk_import},
    {"risk list",
     "PLAN",
     1,
     1,
     "print a plan's risk register",
     "Lists each risk with its inherent, residual and target scores\n"
     "(likelihood x impact, with the band), its review date (marked when\n"
     "overdue) and its mitigations.",
     {DB_FLAG},
     true,
     cmd_risk_list},
    {"csc load",
     "DIR|FILE",
     1,
     1,
     "store child-level records for the indicators and their pages",
     "Reads Annex A lists as csc indicators does and stores them in the\n"
     "database in place of any loaded before (one transaction: a failed\n"
     "load leaves the earlier records). Child IDs are stored only as keyed\n"
     "hashes, dates of birth only as month and year, names and addresses\n"
     "never. csc indicators, breaches and save then need no PATH, and the\n"
     "web application's child-level pages (admin and analyst) read them.",
     {DB_FLAG, {"--strict", NULL, "refuse the load at the first bad row"}},
     true,
     cmd_csc_load},
    {"csc indicators",
     "[DIR|FILE]",
     0,
     1,
     "compute the statutory indicators from Annex A lists",
     "Reads Ofsted's Annex A lists (one CSV a list, or one workbook with a\n"
     "sheet a list, found by their headings), or without PATH the records\n"
     "csc load stored, and prints each indicator of the period: contacts\n"
     "and conversion, re-referrals, assessments within 45 working days,\n"
     "ICPCs within 15, child protection plans, children looked after,\n"
     "stability, care leavers and reviews, with numerator and denominator,\n"
     "both versions where a definition has two. Rejected rows are listed\n"
     "as FILE:LINE: COLUMN: message; --strict stops at the first. Nothing\n"
     "is stored. --csv prints Code, Numerator, Denominator as synth's\n"
     "expected.csv does. See docs/csc.md.",
     {DB_FLAG,
      CSC_FLAGS,
      {"--csv", NULL,
       "machine-readable: code, numerator, "
       "denominator"}},
     false,
     cmd_csc_indicators},
    {"csc breaches",
     "INDICATOR [DIR|FILE]",
     1,
     2,
     "list the rows behind a timeliness indicator",
     "For CSC-ASSESS45, CSC-ASSESS45-REF or CSC-ICPC15, writes as CSV the\n"
     "rows outside the timescale (all rows with --all): the child (as a\n"
     "hash keyed by the database, never the ID itself), team, worker, the\n"
     "dates measured between and the working days. Without PATH, from the\n"
     "records csc load stored.",
     {DB_FLAG, CSC_FLAGS, {"--all", NULL, "every row, not only breaches"}},
     true,
     cmd_csc_breaches},
    {"csc save",
     "[DIR|FILE]",
     0,
     1,
     "save the statutory indicators as indicator values",
     "Computes the indicators as csc indicators does (without PATH, from\n"
     "the records csc load stored) and records each as the period's value\n"
     "of an indicator (adding CSC-REREF and the rest the first time, with\n"
     "their definitions), numerator and denominator kept, so the scorecard\n"
     "and committee report show them.",
     {DB_FLAG, CSC_FLAGS},
     true,
     cmd_csc_save},
    {"synth",
     "",
     0,
     0,
     "write synthetic Annex A lists with known answers",
     "Writes lists 1, 3, 4, 5, 7, 8 and 9 for --children children (a whole\n"
     "journey each, rates near the national ones, the same files for the\n"
     "same --seed) and expected.csv: every indicator of the period --from\n"
     "to --to, counted by the generator from its own events, for checking\n"
     "csc indicators against. --xlsx writes the lists as one workbook.",
     {{"--children", "N", "how many children"},
      {"--seed", "S", "the random seed (default 1)"},
      {"--from", "DATE", "the period's first day"},
      {"--to", "DATE", "the period's last day, the lists' as-at date"},
      {"--out", "DIR", "where to write (made if missing)"},
      {"--xlsx", NULL, "one workbook, annex-a.xlsx, in place of CSV files"},
      {"--holidays", "FILE", "bank holidays in bank-holidays.json shape"}},
     false,
     cmd_synth},
    {"user add",
     "USERNAME",
     1,
     1,
     "add someone who can sign in",
     "Adds a user with a role: admin (everything), planner (plans, items,\n"
     "links, any status), lead (status updates on the items they lead or\n"
     "own, and beneath them), viewer (read only), analyst (read only, and\n"
     "the child-level rows behind the statutory indicators). The password\n"
     "(at least 12 characters) is read from --password-file or the first\n"
     "line of standard input, and stored only as an Argon2id hash.",
     {DB_FLAG,
      {"--role", "ROLE", "admin, planner, lead, viewer or analyst"},
      {"--name", "TEXT", "the name shown on pages"},
      {"--person", "NAME", "the person (lead or owner) whose work they lead"},
      {"--password-file", "FILE", "read the password from FILE"}},
     true,
     cmd_user_add},
    {"user list",
     "",
     0,
     0,
     "list users and their roles",
     "Lists every user with role, name and the person they lead as.",
     {DB_FLAG},
     true,
     cmd_user_list},
    {"user passwd",
     "USERNAME",
     1,
     1,
     "set a user's password",
     "Reads a new password from --password-file or standard input.",
     {DB_FLAG, {"--password-file", "FILE", "read the password from FILE"}},
     true,
     cmd_user_passwd},
    {"user role",
     "USERNAME ROLE",
     2,
     2,
     "change a user's role",
     "Sets the role: admin, planner, lead, viewer or analyst. The user's\n"
     "sessions end, so the new role applies from their next sign-in; so\n"
     "does a new password.",
     {DB_FLAG},
     true,
     cmd_user_role},
    {"user disable",
     "USERNAME",
     1,
     1,
     "deactivate a user",
     "Ends the user's sessions, refuses their sign-in and their API tokens\n"
     "until 'user enable'. Nothing they recorded changes.",
     {DB_FLAG},
     true,
     cmd_user_disable},
    {"user enable",
     "USERNAME",
     1,
     1,
     "let a deactivated user sign in again",
     "Reactivates a user deactivated with 'user disable'.",
     {DB_FLAG},
     true,
     cmd_user_enable},
    {"user sign-out",
     "USERNAME",
     1,
     1,
     "end all of a user's sessions",
     "Signs the user out everywhere, for a lost laptop or a shared screen;\n"
     "they can sign in again.",
     {DB_FLAG},
     true,
     cmd_user_sign_out},
    {"backup",
     "FILE",
     1,
     1,
     "copy the database, while it is in use, to a new file",
     "Copies the database as it stands when the copy begins, while the\n"
     "server and others go on reading and writing, to FILE (never an\n"
     "existing file), checks the copy's integrity, and names it FILE only\n"
     "once it passes. The child ID key is not in it: back it up apart\n"
     "(docs/operations.md). Restore by stopping the server and putting\n"
     "the copy in the database's place.",
     {DB_FLAG},
     true,
     cmd_backup},
    {"help",
     "[COMMAND]",
     0,
     2,
     "show help for goldthread or a command",
     "Lists the commands, or explains one.",
     {{NULL, NULL, NULL}},
     false,
     cmd_help},
    {NULL, NULL, 0, 0, NULL, NULL, {{NULL, NULL, NULL}}, false, NULL},
};

static void
print_usage_line(FILE *f, const struct cli_command *c)
{
    fprintf(f, "usage: goldthread %s", c->name);
    if (*c->args)
        fprintf(f, " %s", c->args);
    for (int i = 0; i < CLI_MAX_FLAGS && c->flags[i].name; i++) {
        if (c->flags[i].value)
            fprintf(f, " [%s %s]", c->flags[i].name, c->flags[i].value);
        else
            fprintf(f, " [%s]", c->flags[i].name);
    }
    fputc('\n', f);
}

static void
print_command_help(FILE *f, const struct cli_command *c)
{
    print_usage_line(f, c);
    fprintf(f, "\n%s.\n\n%s\n", c->summary, c->help);
    if (c->flags[0].name) {
        fputs("\nOptions:\n", f);
        for (int i = 0; i < CLI_MAX_FLAGS && c->flags[i].name; i++) {
            char left[48];
            snprintf(left, sizeof left, "%s%s%s", c->flags[i].name,
                     c->flags[i].value ? " " : "",
                     c->flags[i].value ? c->flags[i].value : "");
            fprintf(f, "  %-24s %s\n", left, c->flags[i].help);
        }
    }
}

static void
print_overview(FILE *f)
{
    fputs("goldthread: plans, actions and their status, linked as a golden "
          "thread\n\nusage: goldthread COMMAND [ARGS] [OPTIONS]\n\n"
          "Commands:\n",
          f);
    for (const struct cli_command *c = cli_commands; c->name; c++)
        fprintf(f, "  %-14s %s\n", c->name, c->summary);
    fputs("\nRun 'goldthread help COMMAND' for a command's options.\n", f);
}

/* The command whose words start argv; *words gets how many it used. */
static const struct cli_command *
find_command(int argc, char **argv, int *words)
{
    const struct cli_command *best = NULL;
    for (const struct cli_command *c = cli_commands; c->name; c++) {
        const char *space = strchr(c->name, ' ');
        if (space) {
            size_t first = (size_t)(space - c->name);
            if (argc >= 2 && strlen(argv[0]) == first &&
                strncmp(argv[0], c->name, first) == 0 &&
                strcmp(argv[1], space + 1) == 0) {
                *words = 2;
                return c;
            }
        } else if (argc >= 1 && strcmp(argv[0], c->name) == 0) {
            best = c;
            *words = 1;
        }
    }
    return best;
}

int
cmd_help(struct cli_env *env, const struct cli_args *a)
{
    if (a->n_pos == 0) {
        print_overview(env->out);
        return CLI_OK;
    }
    int words = 0;
    const struct cli_command *c =
        find_command(a->n_pos, (char **)(uintptr_t)a->pos, &words);
    if (!c || words != a->n_pos)
        return cli_usage(env, "no command called \"%s%s%s\"", a->pos[0],
                         a->n_pos > 1 ? " " : "",
                         a->n_pos > 1 ? a->pos[1] : "");
    print_command_help(env->out, c);
    return CLI_OK;
}

/* Fill a from argv for command c; CLI_USAGE after a message on error. */
static int
parse_args(struct cli_env *env, const struct cli_command *c, int argc,
           char **argv, struct cli_args *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        const char *arg = argv[i];
        if (arg[0] == '-' && arg[1] == '-') {
            int f = -1;
            for (int k = 0; k < CLI_MAX_FLAGS && c->flags[k].name; k++)
                if (strcmp(arg, c->flags[k].name) == 0)
                    f = k;
            if (f < 0)
                return cli_usage(env, "%s: unknown option %s", c->name, arg);
            if (a->set[f])
                return cli_usage(env, "%s: %s given twice", c->name, arg);
            a->set[f] = true;
            if (c->flags[f].value) {
                if (i + 1 == argc)
                    return cli_usage(env, "%s: %s needs a value (%s)", c->name,
                                     arg, c->flags[f].value);
                a->val[f] = argv[++i];
            }
            continue;
        }
        if (a->n_pos == c->max_args || a->n_pos == CLI_MAX_ARGS)
            return cli_usage(env, "%s: unexpected argument \"%s\"", c->name,
                             arg);
        a->pos[a->n_pos++] = arg;
    }
    if (a->n_pos < c->min_args) {
        print_usage_line(env->err, c);
        return CLI_USAGE;
    }
    return CLI_OK;
}

/* The index of the sheet called name (any case) in book; reports the
 * sheets there are when there is none. */
static enum gt_rc
find_sheet(struct gt_workbook *book, const char *path, const char *name,
           size_t *out, struct gt_ctx *ctx)
{
    size_t n = gt_workbook_n_sheets(book);
    struct buf names;
    for (size_t i = 0; i < n; i++)
        if (strcasecmp(gt_workbook_sheet_name(book, i), name) == 0) {
            *out = i;
            return GT_OK;
        }
    buf_init(&names, 4096);
    for (size_t i = 0; i < n; i++)
        if ((i && !buf_adds(&names, ", ")) ||
            !buf_adds(&names, gt_workbook_sheet_name(book, i)))
            break;
    gt_err(ctx, GT_NOTFOUND, "%s: no sheet is called \"%s\"; its sheets are %s",
           path, name, names.p ? names.p : "none");
    buf_finish(&names);
    return GT_NOTFOUND;
}

enum gt_rc
cli_rows_open(struct cli_env *env, const struct cli_args *a, const char *path,
              struct cli_rows *r)
{
    enum gt_rc rc;
    const char *sheet = cli_flag(env, a, "--sheet");
    size_t index = 0;
    memset(r, 0, sizeof *r);
    if (gt_workbook_sniff(path)) {
        if ((rc = gt_workbook_open(path, NULL, &r->book, &env->ctx)) != GT_OK)
            return rc;
        if (sheet &&
            (rc = find_sheet(r->book, path, sheet, &index, &env->ctx)) != GT_OK)
            return rc;
        r->rows = gt_workbook_sheet(r->book, index, &env->ctx);
        return r->rows ? GT_OK : GT_INVALID;
    }
    if (sheet)
        return gt_err(&env->ctx, GT_INVALID,
                      "%s: --sheet is for Excel workbooks, and this is not one",
                      path);
    if (!(r->f = fopen(path, "rb")))
        return gt_err(&env->ctx, GT_IO, "%s: %s", path, strerror(errno));
    r->rows = gt_csv_open(r->f, path, NULL);
    return GT_OK;
}

void
cli_rows_close(struct cli_rows *r)
{
    gt_csv_close(r->rows);
    gt_workbook_close(r->book);
    if (r->f)
        fclose(r->f);
    memset(r, 0, sizeof *r);
}

int
cli_use_key_file(struct cli_env *env)
{
    char *path = gt_child_key_path(env->db_path, getenv("GOLDTHREAD_KEY_FILE"),
                                   getenv("CREDENTIALS_DIRECTORY"));
    enum gt_rc rc = gt_db_use_key_file(env->db, path, &env->ctx);
    free(path);
    return rc == GT_OK ? CLI_OK : CLI_FAIL;
}

int
cli_open_db(struct cli_env *env)
{
    if (env->db)
        return CLI_OK;
    if (gt_db_open(env->db_path, &env->db, &env->ctx) != GT_OK ||
        cli_use_key_file(env) != CLI_OK)
        return cli_fail(env);
    const char *user = getenv("USER");
    gt_db_set_actor(env->db, user && *user ? user : "goldthread");
    if (env->clock)
        gt_db_set_clock(env->db, env->clock);
    return CLI_OK;
}

int
cli_main(int argc, char **argv)
{
    struct cli_env env = {.out = stdout, .err = stderr};
    struct cli_args a;
    int words = 0, rc;
    gt_ctx_init(&env.ctx);
    if (argc < 2) {
        print_overview(stderr);
        return CLI_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        print_overview(stdout);
        return CLI_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("goldthread 0.1.0\n");
        return CLI_OK;
    }
    const struct cli_command *c = find_command(argc - 1, argv + 1, &words);
    if (!c) {
        fprintf(stderr,
                "goldthread: no command called \"%s\"; run "
                "'goldthread help'\n",
                argv[1]);
        return CLI_USAGE;
    }
    env.cmd = c;
    rc = parse_args(&env, c, argc - 1 - words, argv + 1 + words, &a);
    if (rc != CLI_OK)
        return rc;
    if (!cli_init_clock(&env))
        return CLI_USAGE;
    env.db_path = cli_flag(&env, &a, "--db");
    if (!env.db_path)
        env.db_path = getenv("GOLDTHREAD_DB");
    if (!env.db_path || !*env.db_path)
        env.db_path = "goldthread.db";
    if (c->needs_db && cli_open_db(&env) != CLI_OK)
        return CLI_FAIL;
    rc = c->run(&env, &a);
    /* what a command that succeeded left on the context are warnings (a
     * file read as Windows-1252, a column ignored): never lose them */
    cli_tell(&env);
    if (fflush(env.out) != 0 && rc == CLI_OK) {
        fprintf(stderr, "goldthread: cannot write the output\n");
        rc = CLI_FAIL;
    }
    gt_db_close(env.db);
    gt_ctx_finish(&env.ctx);
    return rc;
}
