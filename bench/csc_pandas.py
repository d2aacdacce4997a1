"""The statutory indicators of docs/csc.md in pandas, over the Annex A lists
that `goldthread synth` writes, as the baseline bench/csc.sh times goldthread
against. The same definitions as src/csc/indicators.c; prints
Code,Numerator,Denominator in the order goldthread's --csv does, so the two
answers can be compared. Reads the lists goldthread synth writes (its
columns and DD/MM/YYYY dates); it is a benchmark, not a general reader.

usage: python3 bench/csc_pandas.py DIR FROM TO HOLIDAYS.json
"""
import json
import sys

import numpy as np
import pandas as pd

d, first, last, holidays = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
P0, P1 = pd.Timestamp(first), pd.Timestamp(last)
AT = P1
hol = [e["date"] for e in json.load(open(holidays))["england-and-wales"]["events"]]
HOL = np.array(hol, dtype="datetime64[D]")


def read(n, dates):
    f = pd.read_csv(f"{d}/list{n}.csv", dtype=str, keep_default_na=False)
    for c in dates:
        f[c] = pd.to_datetime(f[c], format="%d/%m/%Y", errors="coerce")
    return f


def wd(a, b):
    """Working days in [a, b): the statistics' convention, same day = 0."""
    a = a.values.astype("datetime64[D]")
    b = b.values.astype("datetime64[D]")
    return np.busday_count(a, b, holidays=HOL)


def months(ts, n):
    """The same day n months on, the month's last day when shorter: for a
    date or a whole column at once (pandas shifts a column's months in
    one vectorised step; NaT stays NaT)."""
    return ts + pd.DateOffset(months=n)


def within(s):
    return (s >= P0) & (s <= P1)


out = []
l1 = read(1, ["Date of Contact"])
l3 = read(3, ["Date of referral"])
contacts = int(within(l1["Date of Contact"]).sum())
out.append(("CSC-CONTACTS", contacts, 0))
in3 = l3[within(l3["Date of referral"])]
out.append(("CSC-CONVERSION", len(in3), contacts))

# re-referrals: an earlier referral of the same child on or after the same
# date a year before
r = l3[["Child Unique ID", "Date of referral"]].sort_values(
    ["Child Unique ID", "Date of referral"])
prev = r.groupby("Child Unique ID")["Date of referral"].shift(1)
year_before = r["Date of referral"] - pd.DateOffset(years=1)
r = r.assign(re=prev.notna() & (prev >= year_before))
re = r[within(r["Date of referral"])]
out.append(("CSC-REREF", int(re["re"].sum()), len(re)))
prior = pd.to_numeric(in3["Number of Referrals in Last 12 Months"],
                      errors="coerce")
out.append(("CSC-REREF-LIST", int((prior >= 1).sum()), int(prior.notna().sum())))

l4 = read(4, ["Continuous Assessment Start Date",
              "Continuous Assessment Date of Authorisation"])
done = l4[within(l4["Continuous Assessment Date of Authorisation"])]
days = wd(done["Continuous Assessment Start Date"],
          done["Continuous Assessment Date of Authorisation"])
out.append(("CSC-ASSESS45", int((days <= 45).sum()), len(done)))
# from the child's latest referral on or before the assessment's start
a = done[["Child Unique ID", "Continuous Assessment Start Date",
          "Continuous Assessment Date of Authorisation"]].sort_values(
    "Continuous Assessment Start Date")
refs = l3[["Child Unique ID", "Date of referral"]].sort_values(
    "Date of referral")
m = pd.merge_asof(a, refs, left_on="Continuous Assessment Start Date",
                  right_on="Date of referral", by="Child Unique ID",
                  direction="backward")
m = m[m["Date of referral"].notna()]
days = wd(m["Date of referral"], m["Continuous Assessment Date of Authorisation"])
out.append(("CSC-ASSESS45-REF", int((days <= 45).sum()), len(m)))

l5 = read(5, ["Strategy discussion initiating Section 47 Enquiry Start Date",
              "Date of Initial Child Protection Conference"])
s = l5["Strategy discussion initiating Section 47 Enquiry Start Date"]
i = l5["Date of Initial Child Protection Conference"]
keep = within(i) & (i >= s)
days = wd(s[keep], i[keep])
out.append(("CSC-ICPC15", int((days <= 15).sum()), int(keep.sum())))

l7 = read(7, ["Child Protection Plan Start Date", "Date of latest review conference",
              "Child Protection Plan End Date"])
st, en = l7["Child Protection Plan Start Date"], l7["Child Protection Plan End Date"]
rev = l7["Date of latest review conference"]
open_ = (st <= AT) & (en.isna() | (en > AT))
out.append(("CSC-CPP", int(open_.sum()), 0))
out.append(("CSC-CPP2Y", int((open_ & (st <= months(AT, -24))).sum()),
            int(open_.sum())))
ended = within(en)
lasted = en >= months(st, 24)
out.append(("CSC-CPP2Y-ENDED", int((ended & lasted).sum()), int(ended.sum())))
prevplans = pd.to_numeric(l7["Number of Previous Child Protection Plans"],
                          errors="coerce")
starting = within(st) & prevplans.notna()
out.append(("CSC-CPP2ND", int((starting & (prevplans >= 1)).sum()),
            int(starting.sum())))
on_time = np.where(rev.notna(), AT <= months(rev, 6), AT <= months(st, 3))
out.append(("CSC-CPPREV", int((open_ & on_time).sum()), int(open_.sum())))

l8 = read(8, ["Date of Birth", "Date Started to be Looked After",
              "Date of Latest Statutory Review", "Date Ceased to be Looked After",
              "Start Date of Most Recent Placement"])
legal = l8["Child's Legal Status"].str.replace(r"^[a-z]+\) ", "", regex=True).str[:2]
st, ce = l8["Date Started to be Looked After"], l8["Date Ceased to be Looked After"]
cla = (st <= AT) & (ce.isna() | (ce > AT)) & ~legal.isin(["V3", "V4"])
c = l8[cla]
out.append(("CSC-CLA", len(c), 0))
pl = pd.to_numeric(c["Number of Placements in the Last 12 months"], errors="coerce")
out.append(("CSC-STAB3", int((pl >= 3).sum()), int(pl.notna().sum())))
dob = c["Date of Birth"].dt.to_period("M").dt.to_timestamp()
age = AT.year - dob.dt.year - (AT.month < dob.dt.month)
long_ = (age < 16) & (c["Date Started to be Looked After"] <= months(AT, -30))
placed = c["Start Date of Most Recent Placement"] <= months(AT, -24)
out.append(("CSC-STABLT", int((long_ & placed).sum()), int(long_.sum())))
rv = c["Date of Latest Statutory Review"]
no_rev_ok = wd(c["Date Started to be Looked After"],
               pd.Series(AT, index=c.index)) <= 20
on_time = np.where(rv.notna(), AT <= months(rv, 6), no_rev_ok)
out.append(("CSC-CLAREV_", int(on_time.sum()), len(c)))

l9 = read(9, ["Date of Birth"])
dob = l9["Date of Birth"].dt.to_period("M").dt.to_timestamp()
age = AT.year - dob.dt.year - (AT.month < dob.dt.month)
cohort = l9[(age >= 19) & (age <= 21)]
suit = cohort["Suitability of Accommodation"].str.replace(r"^[a-z]+\) ", "",
                                                          regex=True) == "Suitable"
act = cohort["Activity Status"].str.replace(r"^[a-z]+\) ", "", regex=True)
eet = act.str.match(r"^[FP][1-5]$")
out.append(("CSC-CLSUIT", int(suit.sum()), len(cohort)))
out.append(("CSC-CLEET", int(eet.sum()), len(cohort)))

order = ["CSC-CONTACTS", "CSC-CONVERSION", "CSC-REREF", "CSC-REREF-LIST",
         "CSC-ASSESS45", "CSC-ASSESS45-REF", "CSC-ICPC15", "CSC-CPP",
         "CSC-CPP2Y", "CSC-CPP2Y-ENDED", "CSC-CPP2ND", "CSC-CPPREV", "CSC-CLA",
         "CSC-STAB3", "CSC-STABLT", "CSC-CLSUIT", "CSC-CLEET", "CSC-CLAREV"]
got = {k.rstrip("_"): (n, dd) for k, n, dd in out}
print("Code,Numerator,Denominator")
for k in order:
    print(f"{k},{got[k][0]},{got[k][1]}")
