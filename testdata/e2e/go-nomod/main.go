// Command app is a lone main.go with no go.mod: a chi router from the Go
// module proxy, which the generated build resolves with go mod init and go
// mod tidy. Hand-written for dockgen's end-to-end test.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"

	"github.com/go-chi/chi/v5"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	r := chi.NewRouter()
	r.Get("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "stack": "go-nomod"})
	})
	r.Get("/uid", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]int{"uid": os.Getuid(), "gid": os.Getgid(), "pid": os.Getpid()})
	})
	log.Fatal(http.ListenAndServe(":"+port, r))
}
