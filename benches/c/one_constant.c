/* The smallest program that reads one constant: built with the library's archive, and (with
 * -DBASELINE) with the constant defined by hand, to measure what static linking adds. */
#include "rpc_constants.h"

#ifdef BASELINE
const float rpc_default_rpc_timeout_sec = 60.0f;
#endif

int main(void) { return (int)rpc_default_rpc_timeout_sec; }
