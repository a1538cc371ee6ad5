-- Drives Neovim's built-in LSP client (0.7+) against `prompt-cache-lint lsp --stdio`, headless:
-- open a file, wait for diagnostics, ask for a hover and the code actions of a finding, apply the
-- quick fix, and write what happened as JSON for the test to check. Paths come from the environment.
local bin = os.getenv('PCL_BIN')
local file = os.getenv('PCL_FILE')
local out = os.getenv('PCL_OUT')
local root = os.getenv('PCL_ROOT')
local results = {}

local function finish(ok, message)
  results.ok = ok
  results.message = message
  local handle = io.open(out, 'w')
  handle:write(vim.fn.json_encode(results))
  handle:close()
  vim.cmd('qa!')
end

local function run()
  vim.cmd('edit ' .. vim.fn.fnameescape(file))
  local bufnr = vim.api.nvim_get_current_buf()
  vim.bo[bufnr].filetype = 'python'
  local client_id = vim.lsp.start_client({
    name = 'prompt-cache-lint',
    cmd = { 'node', bin, 'lsp', '--stdio' },
    root_dir = root,
    workspace_folders = { { uri = vim.uri_from_fname(root), name = 'root' } },
  })
  vim.lsp.buf_attach_client(bufnr, client_id)
  if not vim.wait(20000, function() return #vim.diagnostic.get(bufnr) > 0 end, 50) then
    return finish(false, 'no diagnostics within 20 s')
  end
  results.diagnostics = {}
  local target
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local code = d.code or (d.user_data and d.user_data.lsp and d.user_data.lsp.code)
    table.insert(results.diagnostics, { code = code, source = d.source, message = d.message, lnum = d.lnum, col = d.col })
    if code == 'below-minimum' and not target then
      target = { d = d, code = code }
    end
  end
  if not target then
    return finish(false, 'no below-minimum diagnostic')
  end
  local uri = vim.uri_from_bufnr(bufnr)
  local lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  for index, line in ipairs(lines) do
    local column = string.find(line, '"cache_control"', 1, true)
    if column and index - 1 >= target.d.lnum then
      local hover = vim.lsp.buf_request_sync(bufnr, 'textDocument/hover', { textDocument = { uri = uri }, position = { line = index - 1, character = column } }, 10000)
      results.hover = hover and hover[client_id] and hover[client_id].result and hover[client_id].result.contents.value or vim.NIL
      break
    end
  end
  local d = target.d
  local diagnostic = {
    range = { start = { line = d.lnum, character = d.col }, ['end'] = { line = d.end_lnum, character = d.end_col } },
    message = d.message, code = target.code, source = d.source, severity = d.severity,
  }
  local answer = vim.lsp.buf_request_sync(bufnr, 'textDocument/codeAction', { textDocument = { uri = uri }, range = diagnostic.range, context = { diagnostics = { diagnostic } } }, 10000)
  local actions = answer and answer[client_id] and answer[client_id].result or {}
  results.actions = {}
  local chosen
  for _, action in ipairs(actions) do
    table.insert(results.actions, action.title)
    if action.isPreferred and not chosen then
      chosen = action
    end
  end
  if not chosen then
    return finish(false, 'no preferred quick fix')
  end
  results.applied = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, 'utf-16')
  results.after = table.concat(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false), '\n')
  finish(true, 'done')
end

local ok, err = pcall(run)
if not ok then
  finish(false, 'error: ' .. tostring(err))
end
