/*
 * goldthread: plans, actions and their status, linked as a golden thread.
 * main only hands over to the command table (src/cli/cli.c).
 */
#include "cli/cli.h"

int
main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
