package lint

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
)

var today = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

func TestOwnRules(t *testing.T) {
	const user = "\nUSER 10001\n"
	tests := []struct {
		name, dockerfile string
		want             []string // "Rule:line", in order
	}{
		{"clean", "FROM python:3.14-slim-trixie\nUSER 10001\n", nil},
		{"clean with digest and patch", "FROM python:3.14.7-slim-trixie@sha256:" + strings.Repeat("a", 64) + user, nil},
		{"docker.io/library is official", "FROM docker.io/library/node:26-trixie-slim\nUSER node\n", nil},
		{"docker.io short is official", "FROM docker.io/golang:1.27-alpine3.24" + user, nil},
		{"vendor image", "FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble" + user, []string{"NonOfficialBase:1"}},
		{"docker hub user image", "FROM oven/bun:1.4" + user, []string{"NonOfficialBase:1"}},
		{"no tag", "FROM python" + user, []string{"FloatingTag:1"}},
		{"latest", "FROM python:latest" + user, []string{"FloatingTag:1"}},
		{"node lts", "FROM node:lts" + user, []string{"FloatingTag:1"}},
		{"node slim", "FROM node:slim" + user, []string{"FloatingTag:1"}},
		{"python 3", "FROM python:3" + user, []string{"FloatingTag:1"}},
		{"python 3-slim-trixie", "FROM python:3-slim-trixie" + user, []string{"FloatingTag:1"}},
		{"line without OS", "FROM python:3.14" + user, []string{"FloatingTag:1"}},
		{"node 24-slim is bookworm", "FROM node:24-slim" + user, []string{"FloatingTag:1"}},
		{"alpine 3", "FROM alpine:3" + user, []string{"FloatingTag:1"}},
		{"alpine edge", "FROM alpine:edge" + user, []string{"FloatingTag:1"}},
		{"elixir tag the catalog names: the OTP implies the OS", "FROM elixir:1.20-otp-29" + user, nil},
		{"elixir line alone floats with the OTP", "FROM elixir:1.20" + user, []string{"FloatingTag:1"}},
		{"elixir OTP the catalog does not use", "FROM elixir:1.20-otp-27" + user, []string{"FloatingTag:1"}},
		{"alpine pinned", "FROM alpine:3.24" + user, nil},
		{"debian pinned", "FROM debian:trixie-slim" + user, nil},
		{"debian number", "FROM debian:13.6-slim" + user, nil},
		{"debian stable", "FROM debian:stable-slim" + user, []string{"FloatingTag:1"}},
		{"other image alias", "FROM nginx:mainline-alpine" + user, []string{"FloatingTag:1"}},
		{"other image version", "FROM nginx:1.30-alpine3.24" + user, nil},
		{"scratch", "FROM scratch\nUSER 65532:65532\n", nil},
		{"eol python", "FROM python:3.9-slim-trixie" + user, []string{"EndOfLifeBase:1"}},
		{"eol python 3.10 by the clock", "FROM python:3.10-slim-trixie" + user, []string{"EndOfLifeBase:1"}},
		{"eol node", "FROM node:20-trixie-slim\nUSER node\n", []string{"EndOfLifeBase:1"}},
		{"eol os", "FROM node:22-bullseye-slim\nUSER node\n", []string{"EndOfLifeBase:1"}},
		{"eol alpine", "FROM alpine:3.21" + user, []string{"EndOfLifeBase:1"}},
		{"eol line older than the catalog", "FROM golang:1.19-bookworm" + user, []string{"EndOfLifeBase:1"}},
		{"eol patch older than the catalog, no OS", "FROM ruby:2.6.4-alpine" + user, []string{"FloatingTag:1", "EndOfLifeBase:1"}},
		{"eol debian", "FROM debian:11-slim" + user, []string{"EndOfLifeBase:1"}},
		{"bookworm is on LTS", "FROM debian:bookworm-slim" + user, nil},
		{"no user", "FROM python:3.14-slim-trixie\nRUN true\n", []string{"RootUser:1"}},
		{"node's built-in user is not enough", "FROM node:26-trixie-slim\nCMD [\"node\"]\n", []string{"RootUser:1"}},
		{"user root", "FROM python:3.14-slim-trixie\nUSER root\n", []string{"RootUser:2"}},
		{"user 0:0", "FROM python:3.14-slim-trixie\nUSER 10001\nUSER 0:0\n", []string{"RootUser:3"}},
		{"user set in the build stage only", "FROM golang:1.27-trixie AS build\nUSER 10001\nFROM scratch\n", []string{"RootUser:3"}},
		{"user inherited from a stage", "FROM python:3.14-slim-trixie AS base\nUSER 10001\nFROM base\nRUN true\n", nil},
		{"stage reference is not an image", "FROM golang:1.27-trixie AS Build\nFROM build\nUSER 1\n", nil},
		{"user from an ARG", "FROM python:3.14-slim-trixie\nARG UID=0\nUSER $UID\n", []string{"RootUser:3"}},
		{"user from an unknown ARG", "FROM python:3.14-slim-trixie\nARG UID\nUSER $UID\n", nil},
		{"base from a meta ARG", "ARG BASE=python:latest\nFROM $BASE" + user, []string{"FloatingTag:2"}},
		{"base from an unset ARG", "ARG BASE\nFROM ${BASE}" + user, nil},
		{"several at once", "FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build\nFROM python:latest\n",
			[]string{"NonOfficialBase:1", "FloatingTag:2", "RootUser:2"}},
		{"does not parse", "FROM\n", nil},
	}
	cat := catalog.Default()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := Own([]byte(tt.dockerfile), Options{Catalog: cat, Now: today, Dockerignore: true})
			var got []string
			for _, f := range fs {
				got = append(got, fmt.Sprintf("%s:%d", f.Rule, f.Line))
				if f.Message == "" {
					t.Errorf("%s has no message", f.Rule)
				}
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("findings %v, want %v\n%v", got, tt.want, fs)
			}
		})
	}
}

func TestMissingDockerignore(t *testing.T) {
	fs := Own([]byte("FROM scratch\nUSER 1\n"), Options{Catalog: catalog.Default(), Now: today})
	if len(fs) != 1 || fs[0].Rule != "MissingDockerignore" || fs[0].Line != 0 {
		t.Errorf("findings %v", fs)
	}
}

func TestEOLMessageSuggestsTheDefault(t *testing.T) {
	fs := Own([]byte("FROM python:3.9-slim-trixie\nUSER 1\n"), Options{Catalog: catalog.Default(), Now: today, Dockerignore: true})
	if len(fs) != 1 || !strings.Contains(fs[0].Message, "python 3.9 reached end of life on 2025-10-31; use a supported line such as python:3.14-slim-trixie") {
		t.Errorf("findings %v", fs)
	}
	// The same line before its EOL date is fine: the clock decides.
	fs = Own([]byte("FROM python:3.10-slim-trixie\nUSER 1\n"), Options{Catalog: catalog.Default(), Now: today.AddDate(-1, 0, 0), Dockerignore: true})
	if len(fs) != 0 {
		t.Errorf("a year earlier: %v", fs)
	}
}

func TestRulesAreDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if r.Name == "" || r.Description == "" || seen[r.Name] {
			t.Errorf("rule %+v", r)
		}
		seen[r.Name] = true
	}
	if len(Rules) != 5 {
		t.Errorf("%d rules", len(Rules))
	}
}

// TestLinesOlderThanTheCatalog: a line the catalog no longer keeps is past
// its end of life, and no suggestion names a tag that was never built
// (golang:1.19-trixie: Go 1.19 predates trixie).
func TestLinesOlderThanTheCatalog(t *testing.T) {
	fs := Own([]byte("FROM golang:1.19\nUSER 65532\n"), Options{Catalog: catalog.Default(), Now: today, Dockerignore: true})
	var msgs []string
	for _, f := range fs {
		msgs = append(msgs, f.Rule+": "+f.Message)
	}
	all := strings.Join(msgs, "\n")
	for _, want := range []string{"EndOfLifeBase: golang:1.19: go 1.19 is older than ", "use e.g. golang:1.27-trixie"} {
		if !strings.Contains(all, want) {
			t.Errorf("findings:\n%s\nwant %q", all, want)
		}
	}
	if strings.Contains(all, "1.19-trixie") {
		t.Errorf("suggests a tag that never existed:\n%s", all)
	}
}
