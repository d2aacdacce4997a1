/* The libFuzzer entry point each fuzz_*.c defines; replay.c calls it on
 * the committed corpus during the normal test run. */
#ifndef GT_FUZZ_H
#define GT_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
