# A plan in the improvement-plan shape for the benchmarks, rows rows long
# (awk -v rows=N): a theme every 1,000 rows, a new action every 5, every
# row a milestone with lead, deadline, monitoring and a status.
BEGIN {
    print "Theme,Theme owner,Action,Milestone,Lead,Deadline,Monitoring,Status,Commentary"
    split("December 2016|January 2017 onwards|January - March 2017|Start July 2016 and every two months thereafter.|31 March 2017|March 2017 and ongoing", dl, "|")
    split("Blue|Green|Amber|Red|", st, "|")
    for (i = 0; i < rows; i++) {
        theme = (i % 1000 == 0) ? "Theme " int(i / 1000) : ""
        owner = (i % 1000 == 0) ? "Head of Service " int(i / 1000) % 20 : ""
        action = (i % 5 == 0) ? "Action " i " to improve the service for children" : ""
        printf "%s,%s,%s,\"Milestone %d, reviewed at the board\",Lead %d,%s,Performance board %d,%s,%s\n",
            theme, owner, action, i, i % 50, dl[i % 6 + 1], i % 7, st[i % 5 + 1],
            (i % 3 == 0) ? "On track with minor delays" : ""
    }
}
