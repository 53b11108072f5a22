// Command app is a small gin app laid out like gin's own HTML-rendering
// example: pages rendered from templates/ (LoadHTMLGlob) and files served
// from static/ (Static), both read from disk at run time. Hand-written for
// dockgen's end-to-end test, on the real gin module from the Go module proxy.
package main

import (
	"net/http"
	"os"

	"github.com/gin-gonic/gin"
)

func main() {
	gin.SetMode(gin.ReleaseMode)
	r := gin.Default()
	r.LoadHTMLGlob("templates/*.tmpl.html")
	r.Static("/static", "./static")
	r.GET("/", func(c *gin.Context) {
		c.HTML(http.StatusOK, "index.tmpl.html", gin.H{"title": "dockgen e2e gin templates"})
	})
	r.GET("/uid", func(c *gin.Context) {
		c.JSON(http.StatusOK, gin.H{"uid": os.Getuid(), "gid": os.Getgid(), "pid": os.Getpid()})
	})
	// No address: gin listens on $PORT, else :8080.
	r.Run()
}
