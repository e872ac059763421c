-- Pandoc Lua filter: shape an Amino Atlas article for the Typst handout template.
--
--  * admonitions and evidence notes (div.admonition, title in div.admonition-title) become
--    `#atlas-note(kind: ..., title: [...])[...]` boxes defined in template.typ;
--  * a link to an anchor that is not in the document is kept as plain text (Typst refuses a link
--    to a missing label, and a half-copied page must not fail on that);
--  * a web link whose text is not its address gets the address printed after it, as the print
--    stylesheet does: paper cannot be clicked.

local ids = {}

local function typst_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"') .. '"'
end

local function safe_label(id)
  return id ~= "" and id:match("^[%w_%-%.:]+$") ~= nil
end

local function collect(el)
  if el.identifier and el.identifier ~= "" then
    ids[el.identifier] = true
  end
end

local function normalise_address(s)
  s = s:lower():gsub("^https?://", ""):gsub("^www%.", ""):gsub("^doi:%s*", ""):gsub("^doi%.org/", "")
  s = s:gsub("^dx%.doi%.org/", ""):gsub("/$", "")
  return s
end

local function fix_link(link)
  local target = link.target
  if target:sub(1, 1) == "#" then
    if not ids[target:sub(2)] then
      return link.content
    end
    return nil
  end
  if target:match("^https?://") or target:match("^mailto:") then
    local text = pandoc.utils.stringify(link.content)
    if normalise_address(text) ~= normalise_address(target:gsub("^mailto:", "")) then
      local shown = target:gsub("^mailto:", "")
      return { link, pandoc.RawInline("typst", "#atlas-url(" .. typst_string(shown) .. ")") }
    end
    return nil
  end
  -- a link to another page of the site: relative addresses mean nothing on paper
  return link.content
end

local function typst_of(blocks)
  local text = pandoc.write(pandoc.Pandoc(blocks), "typst")
  return (text:gsub("%s+$", ""))
end

local function has_class(el, name)
  for _, c in ipairs(el.classes) do
    if c == name then
      return true
    end
  end
  return false
end

local function note(div)
  if not has_class(div, "admonition") then
    return nil
  end
  local kind = "note"
  for _, c in ipairs(div.classes) do
    if c ~= "admonition" and c ~= "inline" and c ~= "end" then
      kind = c
      break
    end
  end
  local title = pandoc.Blocks({})
  local body = pandoc.Blocks({})
  for _, block in ipairs(div.content) do
    if #title == 0 and block.t == "Div" and has_class(block, "admonition-title") then
      title = block.content
    else
      body:insert(block)
    end
  end
  local open = "#atlas-note(kind: " .. typst_string(kind) .. ", title: [" .. typst_of(title) .. "])["
  local close = "]"
  if safe_label(div.identifier) then
    close = "] <" .. div.identifier .. ">"
  end
  local out = pandoc.Blocks({ pandoc.RawBlock("typst", open) })
  out:extend(body)
  out:insert(pandoc.RawBlock("typst", close))
  return out
end

-- Only elements the Typst writer gives a label; a link to any other id would not compile.
local labelled = { Span = collect, Div = collect, Header = collect, Table = collect, Figure = collect }

return {
  {
    Pandoc = function(doc)
      doc:walk(labelled)
      return nil
    end,
  },
  { Link = fix_link, Div = note },
}
