#!/usr/bin/env bash
# Prints "skipped: <test>: <reason>" for every skipped test in the given TRX files: dotnet test's console
# output shows only the count, and the reasons (a missing broker, data, or server) otherwise hide in the TRX.
set -euo pipefail
awk '
  /<UnitTestResult / && /outcome="NotExecuted"/ {
    match($0, /testName="[^"]*"/); name = substr($0, RSTART + 10, RLENGTH - 11); pending = 1; next
  }
  pending && /<Message>/ {
    line = $0; sub(/.*<Message>/, "", line); sub(/<\/Message>.*/, "", line)
    gsub(/&quot;/, "\"", name); gsub(/&lt;/, "<", line); gsub(/&gt;/, ">", line); gsub(/&quot;/, "\"", line); gsub(/&amp;/, "\\&", line)
    print "skipped: " name ": " line; pending = 0; next
  }
  pending && /<\/UnitTestResult>/ { print "skipped: " name ": (no reason given)"; pending = 0 }
' "$@"
