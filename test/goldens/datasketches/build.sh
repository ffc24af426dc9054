#!/bin/sh
# Builds the datasketches-cpp oracle harness (header-only library; g++ 12 here).
# DS_CPP: a checkout of https://github.com/apache/datasketches-cpp (goldens made at commit c2288858).
#   git clone https://github.com/apache/datasketches-cpp "$DS_CPP" && git -C "$DS_CPP" checkout c2288858
set -e
: "${DS_CPP:?set DS_CPP to a datasketches-cpp checkout}"
OUT="${OUT:-$(dirname "$0")/.build}"
mkdir -p "$OUT"
INC="-I$DS_CPP/common/include -I$DS_CPP/kll/include -I$DS_CPP/fi/include -I$DS_CPP/hll/include"
g++ -std=c++17 -O2 $INC -o "$OUT/harness" "$(dirname "$0")/harness.cpp"
g++ -std=c++17 -O2 -DKLL_VALIDATION $INC -o "$OUT/harness-validation" "$(dirname "$0")/harness.cpp"
echo "$OUT/harness $OUT/harness-validation"
