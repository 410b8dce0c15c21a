#!/usr/bin/env bash
# Scaffolds the Nx project files every lib/app/tool shares: tools/ci/new-project.sh libs/config lib scope:shared
set -euo pipefail
dir=$1 kind=$2 scope=$3
name=$(basename "$dir")
depth=$(echo "$dir" | tr -cd '/' | wc -c)
up=$(printf '../%.0s' $(seq 0 "$depth"))
mkdir -p "$dir/src"
projectType=library; [ "$kind" = app ] && projectType=application
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "${up}node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$projectType",
  "tags": ["type:$kind", "$scope"],
  "targets": { "typecheck": {} }
}
JSON
cat > "$dir/tsconfig.json" <<JSON
{
  "extends": "${up}tsconfig.base.json",
  "compilerOptions": { "types": ["node", "jest"] },
  "include": ["src/**/*.ts"]
}
JSON
cat > "$dir/jest.config.cjs" <<JS
module.exports = { displayName: '$name', preset: '${up}jest.preset.cjs' };
JS
cat > "$dir/eslint.config.mjs" <<JS
import baseConfig from '${up}eslint.config.mjs';

export default [...baseConfig];
JS
