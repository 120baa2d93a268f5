/* stub CLI: to be written */
#include <stdio.h>
#include "pith.h"
int main(void) { puts(pith_version()); return 0; }
