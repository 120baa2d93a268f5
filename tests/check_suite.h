/* Shared by the unit tests. */
#ifndef PITH_CHECK_SUITE_H
#define PITH_CHECK_SUITE_H

#include <check.h>
#include <stddef.h>

/* Each test_*.c file defines this. */
Suite *make_suite(void);

/* Reads a whole file (a fixture) into a malloc'd NUL-terminated buffer; aborts the test
 * on failure. */
char *test_read_file(const char *path, size_t *len);

#endif
