// Command app is a tiny HTTP server for dockgen's end-to-end test. It uses one
// module from the Go module proxy so that the generated `go mod download` step
// has something to fetch.
package main

import (
	"encoding/json"
	"log"
	"net/http"
	"os"

	"github.com/google/uuid"
)

func main() {
	port := os.Getenv("PORT")
	if port == "" {
		port = "8080"
	}
	instance := uuid.NewString()
	http.HandleFunc("/uid", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]int{"uid": os.Getuid(), "gid": os.Getgid(), "pid": os.Getpid()})
	})
	http.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(map[string]any{"ok": true, "stack": "go", "instance": instance})
	})
	log.Fatal(http.ListenAndServe("0.0.0.0:"+port, nil))
}
