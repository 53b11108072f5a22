module example.com/dockgen-e2e-go

go 1.26

require github.com/google/uuid v1.6.0
