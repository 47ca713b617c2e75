/*
 * tiny-listener: a real process holding one real listening TCP socket, for Portscope's rule tests
 * (test/integration/rules*.test.ts compile it with the machine's cc and run copies of it from
 * /dev/shm, renamed, deleted ...). It listens, prints "port N", then sleeps until killed.
 *
 *   usage: tiny-listener ADDRESS PORT [NAME]
 *     ADDRESS  IPv4 or IPv6 literal to bind (127.0.0.1, 0.0.0.0, ::1 ...)
 *     PORT     0 lets the kernel choose
 *     NAME     if given, the process renames itself (prctl PR_SET_NAME: /proc/PID/comm), as
 *              malware does to look like a kernel thread or a system daemon
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>

static int fail(const char *what) {
  perror(what);
  return 1;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: %s ADDRESS PORT [NAME]\n", argv[0]);
    return 2;
  }
  const char *address = argv[1];
  int port = atoi(argv[2]);
  if (argc > 3 && argv[3][0] != '\0' && prctl(PR_SET_NAME, argv[3], 0, 0, 0) != 0) {
    return fail("prctl");
  }

  struct sockaddr_storage storage;
  memset(&storage, 0, sizeof storage);
  socklen_t length;
  int family = strchr(address, ':') != NULL ? AF_INET6 : AF_INET;
  if (family == AF_INET6) {
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)&storage;
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons((unsigned short)port);
    if (inet_pton(AF_INET6, address, &in6->sin6_addr) != 1) return fail("inet_pton");
    length = sizeof *in6;
  } else {
    struct sockaddr_in *in4 = (struct sockaddr_in *)&storage;
    in4->sin_family = AF_INET;
    in4->sin_port = htons((unsigned short)port);
    if (inet_pton(AF_INET, address, &in4->sin_addr) != 1) return fail("inet_pton");
    length = sizeof *in4;
  }

  int fd = socket(family, SOCK_STREAM, 0);
  if (fd < 0) return fail("socket");
  int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(fd, (struct sockaddr *)&storage, length) != 0) return fail("bind");
  if (listen(fd, 16) != 0) return fail("listen");
  if (getsockname(fd, (struct sockaddr *)&storage, &length) != 0) return fail("getsockname");
  int bound = ntohs(family == AF_INET6 ? ((struct sockaddr_in6 *)&storage)->sin6_port
                                       : ((struct sockaddr_in *)&storage)->sin_port);
  printf("port %d\n", bound);
  fflush(stdout);
  for (;;) pause();
}
