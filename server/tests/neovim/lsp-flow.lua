-- Drives secure-logout-server from Neovim's built-in LSP client (0.7+), headless:
--   nvim --headless -u NONE -n -i NONE -c "luafile lsp-flow.lua"
-- Environment: SECURE_LOGOUT_SERVER (path of bin/secure-logout-server.js), SECURE_LOGOUT_NODE (node),
-- SECURE_LOGOUT_ROOT (the workspace), SECURE_LOGOUT_FILE (the PHP file to open),
-- SECURE_LOGOUT_OUT (where the JSON result goes). Exits 0 after writing the result, 1 on error.
-- The flow: open the file, wait for pushed diagnostics (0.7 has no pull diagnostics), then per
-- round request code actions on the first finding, apply its preferred quick fix with
-- vim.lsp.util.apply_workspace_edit and wait until that finding is gone. Ends when none is left.

local out_path = os.getenv('SECURE_LOGOUT_OUT')
local result = { events = {}, rounds = {} }

local function now_ms()
  return vim.loop.hrtime() / 1e6
end

local function finish(code)
  local file = assert(io.open(out_path, 'w'))
  file:write(vim.fn.json_encode(result))
  file:close()
  vim.cmd((code == 0) and 'qall!' or 'cquit! ' .. code)
end

local function fail(message)
  result.error = message
  finish(1)
end

local ok, err = pcall(function()
  local root = os.getenv('SECURE_LOGOUT_ROOT')
  local started = now_ms()
  local client_id = vim.lsp.start_client({
    name = 'secure-logout',
    cmd = { os.getenv('SECURE_LOGOUT_NODE'), os.getenv('SECURE_LOGOUT_SERVER'), '--stdio' },
    root_dir = root,
    -- Answered to workspace/configuration (section secureLogout) and sent as initializationOptions.
    settings = { secureLogout = { run = 'onType' } },
    init_options = { secureLogout = { run = 'onType' } },
  })
  if not client_id then return fail('vim.lsp.start_client returned nil') end

  vim.cmd('edit ' .. vim.fn.fnameescape(os.getenv('SECURE_LOGOUT_FILE')))
  local buf = vim.api.nvim_get_current_buf()
  vim.bo[buf].filetype = 'php' -- -u NONE: no filetype detection, and the server keys on the language id
  local attached = now_ms()
  vim.lsp.buf_attach_client(buf, client_id)

  local function diagnostics()
    return vim.diagnostic.get(buf)
  end

  if not vim.wait(15000, function() return #diagnostics() > 0 end, 10) then return fail('no diagnostics within 15 s') end
  result.first_diagnostics_ms = now_ms() - attached
  result.spawn_to_diagnostics_ms = now_ms() - started
  result.initial = {}
  for _, d in ipairs(diagnostics()) do
    table.insert(result.initial, { line = d.lnum + 1, col = d.col, code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code, source = d.source, message = d.message })
  end

  local client = vim.lsp.get_client_by_id(client_id)
  for round = 1, 5 do
    local current = diagnostics()
    if #current == 0 then break end
    table.sort(current, function(a, b) return a.lnum < b.lnum or (a.lnum == b.lnum and a.col < b.col) end)
    local target = current[1]
    local code = target.user_data and target.user_data.lsp and target.user_data.lsp.code or target.code
    -- 0.7's vim.diagnostic has no LSP range in user_data: rebuild it from lnum/col.
    local range = { start = { line = target.lnum, character = target.col }, ['end'] = { line = target.end_lnum or target.lnum, character = target.end_col or target.col } }
    local params = { textDocument = vim.lsp.util.make_text_document_params(buf), range = range, context = { diagnostics = {} } }
    local response = client.request_sync('textDocument/codeAction', params, 10000, buf)
    if not response or response.err then return fail('codeAction failed: ' .. vim.inspect(response)) end
    local titles, chosen = {}, nil
    for _, action in ipairs(response.result or {}) do
      table.insert(titles, action.title)
      if not chosen and action.kind == 'quickfix' and action.isPreferred and action.edit then chosen = action end
    end
    if not chosen then return fail('no preferred quick fix for ' .. tostring(code) .. ': ' .. vim.inspect(titles)) end
    local before = #current
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
    local applied = now_ms()
    local gone = vim.wait(15000, function()
      for _, d in ipairs(diagnostics()) do
        local c = d.user_data and d.user_data.lsp and d.user_data.lsp.code or d.code
        if c == code then return false end
      end
      return #diagnostics() < before
    end, 10)
    if not gone then return fail('finding ' .. tostring(code) .. ' still reported after applying "' .. chosen.title .. '"') end
    table.insert(result.rounds, { code = code, titles = titles, applied = chosen.title, edit_to_diagnostics_ms = now_ms() - applied, remaining = #diagnostics() })
  end

  result.final_diagnostics = #diagnostics()
  result.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.lsp.stop_client(client_id)
  finish(0)
end)

if not ok then fail(tostring(err)) end
