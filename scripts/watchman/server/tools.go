//go:build tools

// Package server pins the Moov Watchman server that
// scripts/watchman/build.sh builds: this module requires
// github.com/moov-io/watchman at the version the watchman package is
// written for, and replaces github.com/OpenRouterTeam/go-sdk v0.7.7, which
// the module proxy does not serve ("403 Forbidden: This module version is
// not available"), with v0.5.0, which builds. go.sum pins every module.
package server

import _ "github.com/moov-io/watchman/cmd/server"
