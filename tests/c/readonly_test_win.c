/*
 * readonly_test.c for Windows (tools/cross/run.sh, under wine): a write through a cast pointer to each
 * exported constant and each table descriptor must fault. Windows has no fork(), so each write
 * happens in a child process (this program, started again with the write to make); the child's
 * unhandled-exception filter turns a write access violation into exit code WRITE_FAULTED, and
 * the parent expects exactly that. Checked through the program's own (imported) references and
 * through LoadLibrary/GetProcAddress of the DLL itself (argv[1]).
 */
#include "rpc_constants.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <windows.h>

#include "check.h"

#define WRITE_FAULTED 3
#define WROTE 0

static LONG WINAPI on_fault(EXCEPTION_POINTERS *e) {
    const EXCEPTION_RECORD *r = e->ExceptionRecord;
    /* ExceptionInformation[0] is 1 for a write (EXCEPTION_ACCESS_VIOLATION's documented layout). */
    if (r->ExceptionCode == EXCEPTION_ACCESS_VIOLATION && r->NumberParameters >= 1 &&
        r->ExceptionInformation[0] == 1) {
        ExitProcess(WRITE_FAULTED);
    }
    ExitProcess(1);
    return EXCEPTION_CONTINUE_SEARCH;
}

static volatile unsigned char writable = 1;

/* The object the child writes to: KIND and INDEX as the parent passed them. */
static const volatile void *target(const char *dll, const char *kind, size_t index) {
    const rpc_constant *c = rpc_constants_at(index);
    if (strcmp(kind, "linked-float") == 0) return &rpc_default_rpc_timeout_sec;
    if (strcmp(kind, "linked-string") == 0) return rpc_default_init_method;
    if (strcmp(kind, "writable") == 0) return &writable;
    if (c == NULL) return NULL;
    if (strcmp(kind, "descriptor") == 0) return c;
    if (strcmp(kind, "name") == 0) return c->name;
    if (strcmp(kind, "symbol") == 0) {
        HMODULE lib = LoadLibraryA(dll);
        FARPROC p = lib ? GetProcAddress(lib, c->symbol) : NULL;
        const volatile void *q;
        memcpy(&q, &p, sizeof q);
        return q;
    }
    return NULL;
}

static int child(const char *dll, const char *kind, size_t index) {
    volatile unsigned char *p = (volatile unsigned char *)(uintptr_t)target(dll, kind, index);
    if (p == NULL) return 2;
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOGPFAULTERRORBOX);
    SetUnhandledExceptionFilter(on_fault);
    p[0] = (unsigned char)(p[0] ^ 0x5a); /* must fault, but for "writable" */
    return WROTE;
}

/* Runs this program as a child making one write; returns its exit code. */
static DWORD run_child(const char *self, const char *dll, const char *kind, size_t index) {
    char line[1024];
    STARTUPINFOA si;
    PROCESS_INFORMATION pi;
    DWORD code = 0xffffffffu;
    memset(&si, 0, sizeof si);
    si.cb = sizeof si;
    snprintf(line, sizeof line, "\"%s\" \"%s\" %s %u", self, dll, kind, (unsigned)index);
    if (!CreateProcessA(NULL, line, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi)) {
        fprintf(stderr, "CreateProcess failed: %lu\n", (unsigned long)GetLastError());
        return code;
    }
    WaitForSingleObject(pi.hProcess, INFINITE);
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    return code;
}

static int write_faults(const char *self, const char *dll, const char *kind, size_t index) {
    DWORD code = run_child(self, dll, kind, index);
    if (code != WRITE_FAULTED) {
        fprintf(stderr, "writing to %s %u did not fault (exit code %lu)\n", kind, (unsigned)index,
                (unsigned long)code);
        return 0;
    }
    return 1;
}

int main(int argc, char **argv) {
    char self[MAX_PATH];
    size_t i;
    if (argc == 4) return child(argv[1], argv[2], (size_t)strtoul(argv[3], NULL, 10));
    if (argc != 2) {
        fprintf(stderr, "usage: %s DLL\n", argv[0]);
        return 2;
    }
    if (GetModuleFileNameA(NULL, self, sizeof self) == 0) return 2;
    CHECK(write_faults(self, argv[1], "linked-float", 0));
    CHECK(write_faults(self, argv[1], "linked-string", 0));
    for (i = 0; i < rpc_constants_count(); i++) {
        CHECK(write_faults(self, argv[1], "symbol", i));
        CHECK(write_faults(self, argv[1], "descriptor", i));
        CHECK(write_faults(self, argv[1], "name", i));
    }
    CHECK(rpc_constants_count() > 0);
    /* The check itself can fail: a writable object does not fault. */
    CHECK(run_child(self, argv[1], "writable", 0) == WROTE);
    return check_report("readonly_test_win");
}
