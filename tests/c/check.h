/* A minimal assertion helper for the C test programs: count, report, never abort early. */
#ifndef CHECK_H
#define CHECK_H

#include <stdio.h>

static int check_count;
static int check_failures;

#define CHECK(cond)                                                                 \
    do {                                                                            \
        check_count++;                                                              \
        if (!(cond)) {                                                              \
            check_failures++;                                                       \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
        }                                                                           \
    } while (0)

/* Prints the summary and returns the process exit status. */
static int check_report(const char *program) {
    printf("%s: %d checks, %d failed\n", program, check_count, check_failures);
    return check_failures == 0 ? 0 : 1;
}

#endif
