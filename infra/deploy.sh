#!/usr/bin/env bash
# infra/deploy.sh <dev|prod> [options] - deploy the hub to Azure (runbook: docs/operations.md).
#
#   1. package      artifacts/app.zip (./hub publish) unless --package is given
#   2. infra        resource group; template spec hub-infra:<version> from infra/main.json and its modules
#                   (az ts create packs the templateLink.relativePath modules); what-if; confirm; deploy
#   3. secrets      every Key Vault secret the app settings reference: created from a CSPRNG when missing
#                   (never overwritten, never printed); secrets only operators can provide must already exist
#   4. code         the zip: Flex Consumption = az functionapp deployment source config-zip (one deploy);
#                   Elastic Premium = release blob + WEBSITE_RUN_FROM_PACKAGE (no Azure Files, no account keys).
#                   Every release is archived as app-releases/app-<version>.zip (rollback source).
#   5. events       the Event Grid subscription of the blob trigger (modules/blob-events.json): it needs the
#                   host's blobs_extension system key, which exists only once the code runs.
#
# Options:
#   -g, --resource-group NAME   default rg-mnhub-<env>
#   -l, --location REGION       default japaneast (resource group, template spec, Flex runtime check)
#   -s, --subscription ID       az account to use (default: the current one)
#       --package PATH          deploy this zip instead of building artifacts/app.zip
#       --version VERSION       release version (default <git short sha>-<UTC yyyymmddHHMM>)
#       --rollback VERSION      redeploy the archived code of an earlier release (skips infra and events)
#       --skip-infra | --skip-secrets | --skip-code | --skip-events
#   -y, --yes                   deploy after what-if without asking
#       --dry-run               print the az commands instead of running them (no Azure needed)
#   -h, --help
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
INFRA="$ROOT/infra"
SPEC_NAME="hub-infra"

usage() { sed -n '2,/^set -euo/p' "${BASH_SOURCE[0]}" | sed '$d; s/^# \{0,1\}//' >&2; }
# die ENGLISH JAPANESE [EXIT]: every failure says what to do, in English and Japanese.
die() { printf 'deploy.sh: error: %s\ndeploy.sh: エラー: %s\n' "$1" "$2" >&2; exit "${3:-1}"; }
log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }

# ---- arguments --------------------------------------------------------------------------------------------
ENVIRONMENT="" RESOURCE_GROUP="" LOCATION="japaneast" SUBSCRIPTION="" PACKAGE="" VERSION="" ROLLBACK=""
SKIP_INFRA=0 SKIP_SECRETS=0 SKIP_CODE=0 SKIP_EVENTS=0 ASSUME_YES=0 DRY_RUN=0
need_value() { [[ $# -ge 2 && -n "$2" && "$2" != -* ]] || die "$1 needs a value" "$1 に値を指定してください" 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -g|--resource-group) need_value "$@"; RESOURCE_GROUP="$2"; shift 2 ;;
    -l|--location) need_value "$@"; LOCATION="$2"; shift 2 ;;
    -s|--subscription) need_value "$@"; SUBSCRIPTION="$2"; shift 2 ;;
    --package) need_value "$@"; PACKAGE="$2"; shift 2 ;;
    --version) need_value "$@"; VERSION="$2"; shift 2 ;;
    --rollback) need_value "$@"; ROLLBACK="$2"; shift 2 ;;
    --skip-infra) SKIP_INFRA=1; shift ;;
    --skip-secrets) SKIP_SECRETS=1; shift ;;
    --skip-code) SKIP_CODE=1; shift ;;
    --skip-events) SKIP_EVENTS=1; shift ;;
    -y|--yes) ASSUME_YES=1; shift ;;
    --dry-run) DRY_RUN=1; shift ;;
    -*) usage; die "unknown option $1" "不明なオプション $1" 2 ;;
    *) [[ -z "$ENVIRONMENT" ]] || die "only one environment, got '$ENVIRONMENT' and '$1'" "環境は一つだけ指定してください（'$ENVIRONMENT' と '$1'）" 2; ENVIRONMENT="$1"; shift ;;
  esac
done
[[ -n "$ENVIRONMENT" ]] || { usage; die "which environment? (dev or prod)" "環境を指定してください（dev または prod）" 2; }
PARAMETERS="$INFRA/parameters.$ENVIRONMENT.json"
[[ -f "$PARAMETERS" ]] || die "unknown environment '$ENVIRONMENT': there is no infra/parameters.$ENVIRONMENT.json" "不明な環境 '$ENVIRONMENT': infra/parameters.$ENVIRONMENT.json がありません" 2
[[ "$VERSION" =~ ^[A-Za-z0-9._-]*$ && "$ROLLBACK" =~ ^[A-Za-z0-9._-]*$ ]] || die "a version may only hold letters, digits, '.', '_' and '-'" "バージョンには英数字と '.' '_' '-' だけを使えます" 2
if [[ -n "$ROLLBACK" ]]; then SKIP_INFRA=1 SKIP_SECRETS=1 SKIP_EVENTS=1 VERSION="$ROLLBACK"; fi

# A value of the parameter file (one "name": {"value": ...} per line, as the repo keeps them), or a default.
param() {
  local value
  value=$(sed -n "s/^[[:space:]]*\"$1\"[[:space:]]*:[[:space:]]*{[[:space:]]*\"value\"[[:space:]]*:[[:space:]]*\"\{0,1\}\([^\"}]*\)\"\{0,1\}[[:space:]]*}.*/\1/p" "$PARAMETERS")
  printf '%s' "${value:-$2}"
}
NAME_PREFIX=$(param namePrefix mnhub)
HOSTING_PLAN=$(param hostingPlan flex)
FLEX_RUNTIME_VERSION=$(param flexRuntimeVersion 1.0)
RESOURCE_GROUP="${RESOURCE_GROUP:-rg-$NAME_PREFIX-$ENVIRONMENT}"
[[ -n "$VERSION" ]] || VERSION="$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo local)-$(date -u +%Y%m%d%H%M)"
PACKAGE="${PACKAGE:-$ROOT/artifacts/app.zip}"

# ---- az -----------------------------------------------------------------------------------------------------
# run: a command whose output we do not need. out: one whose output we read (dry-run returns a placeholder).
run() {
  if [[ $DRY_RUN -eq 1 ]]; then printf 'az %s\n' "$*"; return 0; fi
  az "$@"
}
out() {
  local placeholder="$1"; shift
  if [[ $DRY_RUN -eq 1 ]]; then printf 'az %s\n' "$*" >&2; printf '%s' "$placeholder"; return 0; fi
  az "$@"
}

if [[ $DRY_RUN -eq 0 ]]; then
  command -v az >/dev/null 2>&1 || die "the Azure CLI (az) is not installed or not on PATH: install it (https://aka.ms/InstallAzureCLI, 2.60 or later) and run az login" "Azure CLI (az) が見つかりません。インストールして（https://aka.ms/InstallAzureCLI、2.60 以上）az login を実行してください" 3
  az account show --output none 2>/dev/null || die "not logged in to Azure: run az login (and az account set --subscription ...)" "Azure にログインしていません。az login（必要なら az account set --subscription ...）を実行してください" 3
fi
[[ -z "$SUBSCRIPTION" ]] || run account set --subscription "$SUBSCRIPTION"

log "environment $ENVIRONMENT, resource group $RESOURCE_GROUP, plan $HOSTING_PLAN, release $VERSION"
if [[ "$ENVIRONMENT" == prod ]]; then
  [[ "$(param alertEmail '')" != "" ]] || note "warning: parameters.prod.json has no alertEmail: dead letters and failures will alert nobody"
  [[ "$(param opsPrincipalId '')" != "" ]] || note "warning: parameters.prod.json has no opsPrincipalId: grant operator access by hand (docs/operations.md)"
fi

# ---- 1. package ---------------------------------------------------------------------------------------------
if [[ $SKIP_CODE -eq 0 && -z "$ROLLBACK" ]]; then
  if [[ ! -f "$PACKAGE" ]]; then
    [[ "$PACKAGE" == "$ROOT/artifacts/app.zip" ]] || die "package $PACKAGE does not exist" "パッケージ $PACKAGE がありません"
    log "building $PACKAGE"
    "$ROOT/hub" publish --out "$PACKAGE"
  fi
  note "package $PACKAGE ($(wc -c <"$PACKAGE") bytes)"
fi

deployment_output() { out "<$1>" deployment group show --resource-group "$RESOURCE_GROUP" --name "$DEPLOYMENT" --query "properties.outputs.$1.value" --output tsv; }

# ---- 2. infra -----------------------------------------------------------------------------------------------
DEPLOYMENT="hub-$VERSION"
if [[ $SKIP_INFRA -eq 0 ]]; then
  if [[ "$HOSTING_PLAN" == flex ]]; then
    log "checking that Flex Consumption in $LOCATION offers the custom-handler runtime $FLEX_RUNTIME_VERSION"
    runtimes=$(out "$FLEX_RUNTIME_VERSION" functionapp list-flexconsumption-runtimes --location "$LOCATION" --runtime custom --query "[].version" --output tsv)
    grep -qx -- "$FLEX_RUNTIME_VERSION" <<<"$runtimes" || die "Flex Consumption in $LOCATION does not offer runtime 'custom' $FLEX_RUNTIME_VERSION (offers: ${runtimes:-none}); set flexRuntimeVersion, choose another region, or set hostingPlan to premium" "$LOCATION の Flex Consumption にはランタイム custom $FLEX_RUNTIME_VERSION がありません。flexRuntimeVersion を直すか、別のリージョンか hostingPlan premium を選んでください"
  fi

  log "resource group and template spec $SPEC_NAME:$VERSION"
  run group create --name "$RESOURCE_GROUP" --location "$LOCATION" --tags system=mynumber-hub "environment=$ENVIRONMENT" --output none
  run ts create --resource-group "$RESOURCE_GROUP" --name "$SPEC_NAME" --version "$VERSION" --location "$LOCATION" \
    --template-file "$INFRA/main.json" --description "My Number hub infrastructure" --yes --output none
  SPEC_ID=$(out "<template-spec-id>" ts show --resource-group "$RESOURCE_GROUP" --name "$SPEC_NAME" --version "$VERSION" --query id --output tsv)

  # Elastic Premium runs from the release blob: keep the current one until step 4 switches to the new one.
  overrides=()
  if [[ "$HOSTING_PLAN" == premium ]]; then
    current=$(out "" functionapp list --resource-group "$RESOURCE_GROUP" --query "[?tags.system=='mynumber-hub'].name | [0]" --output tsv 2>/dev/null || true)
    if [[ -n "$current" ]]; then
      current_url=$(out "" functionapp config appsettings list --resource-group "$RESOURCE_GROUP" --name "$current" \
        --query "[?name=='WEBSITE_RUN_FROM_PACKAGE'].value | [0]" --output tsv)
      [[ -z "$current_url" ]] || overrides+=("packageUrl=$current_url")
    fi
  fi

  log "what-if"
  run deployment group what-if --resource-group "$RESOURCE_GROUP" --name "$DEPLOYMENT" --template-spec "$SPEC_ID" \
    --parameters "@$PARAMETERS" ${overrides[@]+"${overrides[@]}"}
  if [[ $ASSUME_YES -eq 0 && $DRY_RUN -eq 0 ]]; then
    answer=""
    read -r -p "Deploy these changes to $RESOURCE_GROUP? [y/N] " answer || true
    [[ "$answer" == [yY]* ]] || die "stopped before deploying (nothing changed)" "デプロイ前に中止しました（変更はありません）"
  fi
  log "deploying infrastructure ($DEPLOYMENT)"
  run deployment group create --resource-group "$RESOURCE_GROUP" --name "$DEPLOYMENT" --template-spec "$SPEC_ID" \
    --parameters "@$PARAMETERS" ${overrides[@]+"${overrides[@]}"} --output none
else
  # Use the latest successful hub deployment for names.
  DEPLOYMENT=$(out "<last-deployment>" deployment group list --resource-group "$RESOURCE_GROUP" \
    --query "sort_by([?starts_with(name, 'hub-') && !starts_with(name, 'hub-events-') && properties.provisioningState=='Succeeded'], &properties.timestamp)[-1].name" --output tsv)
  [[ -n "$DEPLOYMENT" ]] || die "no successful hub-* deployment in $RESOURCE_GROUP: deploy the infrastructure first" "$RESOURCE_GROUP に成功した hub-* デプロイがありません。先にインフラをデプロイしてください"
fi

APP=$(deployment_output functionAppName)
HOST_STORAGE=$(deployment_output hostStorageName)
DATA_STORAGE=$(deployment_output dataStorageName)
RELEASES=$(deployment_output releasesContainer)
VAULT=$(deployment_output keyVaultName)
TOPIC=$(deployment_output blobEventsTopicName)
SUBMISSIONS=$(deployment_output submissionsContainer)
DEAD_LETTERS=$(deployment_output eventGridDeadLetterContainer)
PLAN=$(deployment_output hostingPlan)
[[ $DRY_RUN -eq 1 ]] && PLAN="$HOSTING_PLAN"
note "function app $APP, host storage $HOST_STORAGE, data storage $DATA_STORAGE, key vault $VAULT"

# ---- 3. secrets ---------------------------------------------------------------------------------------------
# Key rings are "id:base64key" lists with an active id; ids are letters and digits (MyNumberKeyRing, SecretProtector).
random_key() { openssl rand -base64 32; }
KEY_ID="k$(date -u +%Y%m%d)"
generate_secret() {
  case "$1" in
    hub-mynumber-keys) printf '%s:%s' "$KEY_ID" "$(random_key)" ;;
    hub-mynumber-activekey) printf '%s' "$KEY_ID" ;;
    hub-mynumber-indexkey) random_key ;;
    hub-webhooks-secretkeys) printf '%s:%s' "$KEY_ID" "$(random_key)" ;;
    hub-webhooks-activesecretkey) printf '%s' "$KEY_ID" ;;
    *) return 1 ;;
  esac
}
secret_exists() { [[ -n "$(out "" keyvault secret list --vault-name "$VAULT" --query "[?name=='$1'].id | [0]" --output tsv)" ]]; }
if [[ $SKIP_SECRETS -eq 0 ]]; then
  log "Key Vault secrets referenced by the app settings"
  refs=$(out $'@Microsoft.KeyVault(VaultName=<vault>;SecretName=hub-mynumber-keys)' functionapp config appsettings list \
    --resource-group "$RESOURCE_GROUP" --name "$APP" --query "[?starts_with(value, '@Microsoft.KeyVault(')].value" --output tsv)
  # Key rings before their active ids, so a new ring and its id are created together.
  names=$(sed -n 's/.*SecretName=\([a-z0-9-]*\)).*/\1/p' <<<"$refs" | sort -u)
  mapfile -t secrets < <(grep -v -- '-active' <<<"$names"; grep -- '-active' <<<"$names")
  created_rings=()
  for name in "${secrets[@]}"; do
    [[ -n "$name" ]] || continue
    if secret_exists "$name"; then note "$name: exists (kept)"; continue; fi
    if [[ -n "$(out "" keyvault secret list-deleted --vault-name "$VAULT" --query "[?name=='$name'].id | [0]" --output tsv)" ]]; then
      die "$name was deleted and is recoverable: recover it (az keyvault secret recover --vault-name $VAULT --name $name) - a new key would make existing data unreadable" "$name は削除済みで復元できます。az keyvault secret recover --vault-name $VAULT --name $name で復元してください（新しい鍵では既存のデータを読めなくなります）"
    fi
    case "$name" in
      *-activekey|*-activesecretkey)
        ring="${name%-active*}-$([[ "$name" == *-activekey ]] && echo keys || echo secretkeys)"
        printf '%s\n' "${created_rings[@]+"${created_rings[@]}"}" | grep -qx -- "$ring" \
          || die "$name is missing but $ring exists: set $name to the id of the key that should encrypt (docs/operations.md, Rotate keys)" "$ring はあるのに $name がありません。暗号化に使う鍵の id を $name に設定してください（docs/operations.md「Rotate keys」）"
        ;;
      *-keys|*-secretkeys)
        active="${name%-*}-$([[ "$name" == *-secretkeys ]] && echo activesecretkey || echo activekey)"
        ! secret_exists "$active" || die "$name is missing but $active exists: restore $name from its soft-deleted or backed-up value, never generate a new ring" "$active はあるのに $name がありません。論理削除またはバックアップから $name を復元してください（新しい鍵リングは作らないこと）"
        ;;
    esac
    if [[ $DRY_RUN -eq 1 ]]; then
      run keyvault secret set --vault-name "$VAULT" --name "$name" --file "<generated>" --encoding utf-8 --content-type text/plain --output none
      created_rings+=("$name")
      continue
    fi
    file=$(mktemp); chmod 600 "$file"
    if ! generate_secret "$name" >"$file"; then
      rm -f "$file"
      die "$name is missing and cannot be generated: create it in $VAULT (docs/operations.md)" "$name がなく、自動生成もできません。$VAULT に作成してください（docs/operations.md）"
    fi
    # --file keeps the value out of the process list and the shell history.
    run keyvault secret set --vault-name "$VAULT" --name "$name" --file "$file" --encoding utf-8 --content-type text/plain --output none
    rm -f "$file"
    created_rings+=("$name")
    note "$name: created"
  done
fi

# ---- 4. code ------------------------------------------------------------------------------------------------
RELEASE_BLOB="app-$VERSION.zip"
RELEASE_URL="https://$HOST_STORAGE.blob.core.windows.net/$RELEASES/$RELEASE_BLOB"
if [[ $SKIP_CODE -eq 0 ]]; then
  if [[ -n "$ROLLBACK" ]]; then
    log "rolling back the code to release $ROLLBACK"
    if [[ "$PLAN" == flex ]]; then
      PACKAGE=$(mktemp --suffix .zip)
      run storage blob download --auth-mode login --account-name "$HOST_STORAGE" --container-name "$RELEASES" --name "$RELEASE_BLOB" --file "$PACKAGE" --output none
    fi
  else
    log "archiving the release as $RELEASES/$RELEASE_BLOB"
    run storage blob upload --auth-mode login --account-name "$HOST_STORAGE" --container-name "$RELEASES" --name "$RELEASE_BLOB" --file "$PACKAGE" --overwrite false --output none
  fi
  if [[ "$PLAN" == flex ]]; then
    log "deploying the code (Flex Consumption one deploy)"
    run functionapp deployment source config-zip --resource-group "$RESOURCE_GROUP" --name "$APP" --src "$PACKAGE"
  else
    log "switching the app to the release blob (Elastic Premium run-from-package)"
    run functionapp config appsettings set --resource-group "$RESOURCE_GROUP" --name "$APP" --settings "WEBSITE_RUN_FROM_PACKAGE=$RELEASE_URL" --output none
    run resource invoke-action --resource-group "$RESOURCE_GROUP" --name "$APP" --resource-type Microsoft.Web/sites --action syncfunctiontriggers --output none
  fi
  [[ -z "$ROLLBACK" || "$PLAN" != flex ]] || rm -f "$PACKAGE"
fi

# ---- 5. events ----------------------------------------------------------------------------------------------
if [[ $SKIP_EVENTS -eq 0 ]]; then
  log "waiting for the host's blobs_extension key (the blob trigger has loaded)"
  key=""
  for _ in $(seq 1 60); do
    key=$(out "<blobs_extension>" functionapp keys list --resource-group "$RESOURCE_GROUP" --name "$APP" --query "systemKeys.blobs_extension" --output tsv || true)
    [[ -n "$key" ]] && break
    sleep 5
  done
  [[ -n "$key" ]] || die "the host has no blobs_extension key after 5 minutes: check the app's logs (docs/operations.md, Deploy), then rerun with --skip-infra --skip-code" "5 分待ってもホストに blobs_extension キーがありません。アプリのログを確認し（docs/operations.md「Deploy」）、--skip-infra --skip-code で再実行してください"
  unset key
  log "Event Grid subscription for BlobCreated in $SUBMISSIONS/"
  run deployment group create --resource-group "$RESOURCE_GROUP" --name "hub-events-$VERSION" --template-file "$INFRA/modules/blob-events.json" \
    --parameters "functionAppName=$APP" "systemTopicName=$TOPIC" "dataStorageName=$DATA_STORAGE" \
    "submissionsContainer=$SUBMISSIONS" "deadLetterContainer=$DEAD_LETTERS" --output none
fi

log "done: release $VERSION on $APP ($RESOURCE_GROUP). Check the workbook 'My Number hub operations' and docs/operations.md, After a deploy."
