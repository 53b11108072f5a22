// Command dockgen writes production-grade Dockerfiles.
package main

import "os"

func main() { os.Exit(Main(os.Args[1:], SystemStreams())) }
