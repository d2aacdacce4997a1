# A 1,000-item plan in the improvement-plan CSV shape, for the benchmarks:
# 20 themes, 180 actions, 800 milestones, statuses in a fixed mix.
BEGIN {
    print "Theme,Theme owner,Action,Milestone,Lead,Deadline,Monitoring,Status,Commentary"
    split("Blue|Green|Amber|Red|Green", st, "|")
    n = 0
    for (t = 1; t <= 20; t++)
        for (a = 1; a <= 9; a++)
            for (m = 1; m <= 4 + (a <= 4); m++) {
                if (++n > 980) exit
                printf "%s,%s,%s,Milestone %d of action %d.%d,Lead %d,March 2027,Board %d,%s,Progress as planned\n",
                    (a == 1 && m == 1) ? "Theme " t : "", (a == 1 && m == 1) ? "Head of Service " t : "",
                    m == 1 ? "Action " t "." a " to improve services" : "", m, t, a, n % 30, t, st[n % 5 + 1]
            }
}
