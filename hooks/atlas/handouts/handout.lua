-- Pandoc Lua filter: shape an Amino Atlas article for the Typst handout template.
--
--  * admonitions and evidence notes (div.admonition, title in div.admonition-title) become
--    `#atlas-note(kind: ..., title: [...])[...]` boxes defined in template.typ;
--  * a link to an anchor that is not in the document is kept as plain text (Typst refuses a link
--    to a missing label, and a half-copied page must not fail on that), and so is a link without
--    text (a screen reader would announce an empty link);
--  * a web link whose text is not its address gets the address printed after it, as the print
--    stylesheet does: paper cannot be clicked;
--  * labels: an element gets at most one, so Typst never sees content labelled twice. Pandoc's
--    Typst writer puts a span's label after its last piece of text, where it collides with the
--    label of an enclosing span (a reference's `<li id>` around its `<span id>`). So a span id that
--    a link targets becomes an anchor of its own (`#metadata(none)<id>`) before the span's text, and
--    span and div ids that nothing links to are dropped;
--  * images keep their alternative text (pandoc's Typst writer drops it, and PDF/UA requires it);
--    an image with an empty alt is decorative, as on the web page, and becomes a PDF artifact;
--  * a table whose header row sits in its body (`<tr><th>` without `<thead>`) gets it as header
--    row, so the PDF marks those cells as table headers;
--  * a paragraph ending in ":" before a list is `#atlas-intro[...]`, kept with the list on one page;
--  * a superscript (a marker such as "geen bron", a citation "[1, 2]") is one unbreakable box;
--  * the notes that explain the markers (the footnotes, last on the web page) come before the
--    reference list, and the list's last three entries stay together: the handout never ends on a
--    page holding only a note or the tail of one reference. The notes are `#atlas-notes[...]`, which
--    puts them under a heading of their own (the template has its text), so a marker's link can say
--    where it goes.

local ids = {}      -- identifiers the Typst writer would turn into labels
local targets = {}  -- identifiers some link of the document points to

local function typst_string(s)
  return '"' .. s:gsub('\\', '\\\\'):gsub('"', '\\"'):gsub('\n', '\\n'):gsub('\r', '\\r') .. '"'
end

local function safe_label(id)
  -- letters and digits of any script (UTF-8 bytes 128-255: anchor_key keeps a key like `Tèst2020`)
  return id ~= "" and id:match("^[%w_%-%.:\128-\255]+$") ~= nil
end

local function collect(el)
  if el.identifier and el.identifier ~= "" then
    ids[el.identifier] = true
  end
end

local function collect_target(link)
  if link.target:sub(1, 1) == "#" then
    targets[link.target:sub(2)] = true
  end
end

local function normalise_address(s)
  s = s:lower():gsub("^https?://", ""):gsub("^www%.", ""):gsub("^doi:%s*", ""):gsub("^doi%.org/", "")
  s = s:gsub("^dx%.doi%.org/", ""):gsub("/$", "")
  return s
end

local function has_visible_content(inlines)
  if pandoc.utils.stringify(inlines):match("%S") then
    return true
  end
  local found = false
  local function seen() found = true end
  pandoc.Inlines(inlines):walk({ Image = seen, RawInline = seen })  -- raw: an image already converted
  return found
end

local function fix_link(link)
  local target = link.target
  if not has_visible_content(link.content) then
    return link.content
  end
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

local function anchor_span(span)
  local id = span.identifier
  if id == "" then
    return nil
  end
  span.identifier = ""
  if targets[id] and safe_label(id) then
    local out = pandoc.Inlines({ pandoc.RawInline("typst", "#metadata(none)<" .. id .. ">") })
    out:insert(span)
    return out
  end
  return span
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
  if targets[div.identifier] and safe_label(div.identifier) then
    close = "] <" .. div.identifier .. ">"
  end
  local out = pandoc.Blocks({ pandoc.RawBlock("typst", open) })
  out:extend(body)
  out:insert(pandoc.RawBlock("typst", close))
  return out
end

local function div(el)
  local boxed = note(el)
  if boxed then
    return boxed
  end
  if el.identifier ~= "" and not targets[el.identifier] then
    el.identifier = ""
    return el
  end
  return nil
end

-- `300`, `300px` -> points (CSS pixels are 0.75 pt); `50%` stays; anything else: natural size.
local function typst_length(value)
  if not value then
    return nil
  end
  local percent = value:match("^%s*(%d+%.?%d*)%%%s*$")
  if percent then
    return percent .. "%"
  end
  local pixels = value:match("^%s*(%d+%.?%d*)%s*p?x?%s*$")
  if pixels then
    return string.format("%.2fpt", tonumber(pixels) * 0.75)
  end
  return nil
end

local function image(img)
  -- pandoc's HTML reader percent-encodes the address; Typst wants the file's path
  local path = img.src:gsub("%%(%x%x)", function(hex) return string.char(tonumber(hex, 16)) end)
  local args = { typst_string(path) }
  local width = typst_length(img.attributes.width)
  if width then
    table.insert(args, "width: " .. width)
  end
  local alt = pandoc.utils.stringify(img.caption):gsub("^%s+", ""):gsub("%s+$", "")
  if alt == "" then
    return pandoc.RawInline("typst", "#pdf.artifact(box(image(" .. table.concat(args, ", ") .. ")))")
  end
  table.insert(args, "alt: " .. typst_string(alt))
  return pandoc.RawInline("typst", "#box(image(" .. table.concat(args, ", ") .. "))")
end

local function header_row_from_body(tbl)
  if #tbl.head.rows > 0 or #tbl.bodies == 0 then
    return nil
  end
  local bodies = tbl.bodies
  local first = bodies[1]
  if #first.head == 0 then
    return nil
  end
  local head = tbl.head
  head.rows = first.head
  first.head = {}
  tbl.head = head
  tbl.bodies = bodies
  return tbl
end

local NBSP = "\u{00A0}"

local function unbreakable(sup)
  sup.content = sup.content:walk({
    Space = function() return pandoc.Str(NBSP) end,
    SoftBreak = function() return pandoc.Str(NBSP) end,
  })
  return sup
end

local function ends_with_colon(block)
  if block.t ~= "Para" and block.t ~= "Plain" then
    return false
  end
  return pandoc.utils.stringify(block):match(":%s*$") ~= nil
end

local function is_list(block)
  return block ~= nil and (block.t == "BulletList" or block.t == "OrderedList" or block.t == "DefinitionList")
end

-- "Zo werkt het:" stays on the page of the list it introduces.
local function keep_intros(blocks)
  local out = pandoc.Blocks({})
  for i, block in ipairs(blocks) do
    if ends_with_colon(block) and is_list(blocks[i + 1]) then
      out:insert(pandoc.RawBlock("typst", "#atlas-intro["))
      out:insert(block)
      out:insert(pandoc.RawBlock("typst", "]"))
    else
      out:insert(block)
    end
  end
  return out
end

-- The notes block at `at` as `#atlas-notes[...]` (the template's heading replaces the web page's rule).
local function as_notes(blocks, at)
  local content = pandoc.Blocks({ pandoc.RawBlock("typst", "#atlas-notes[") })
  for _, block in ipairs(blocks[at].content) do
    if block.t ~= "HorizontalRule" then
      content:insert(block)
    end
  end
  content:insert(pandoc.RawBlock("typst", "]"))
  blocks:remove(at)
  for i = #content, 1, -1 do
    blocks:insert(at, content[i])
  end
end

-- The marker notes before the reference list (its heading: class `atlas-references-heading`, set by the
-- citation engine; the id ends in `references`, prefixed per article in a booklet).
local function notes_before_references(blocks)
  local notes, references
  for i, block in ipairs(blocks) do
    if block.t == "Div" and has_class(block, "footnote") then
      notes = i
    elseif block.t == "Header" and (has_class(block, "atlas-references-heading")
        or block.identifier:match("references$")) then
      references = i
    end
  end
  if notes and references and notes > references then
    local moved = blocks:remove(notes)
    blocks:insert(references, moved)
    notes = references
  end
  if notes then
    as_notes(blocks, notes)
  end
end

local KEEP_AT_END = 3  -- reference entries that stay together on the last page

-- The reference list's last entries as one unbreakable block, numbered on from the rest.
local function keep_last_references(blocks)
  local at
  for i, block in ipairs(blocks) do
    if block.t == "Header" and (has_class(block, "atlas-references-heading")
        or block.identifier:match("references$")) then
      at = i + 1
    end
  end
  local list = at and blocks[at]
  if not list or list.t ~= "OrderedList" then
    return
  end
  if #list.content <= KEEP_AT_END then  -- a short list stays whole
    blocks:insert(at + 1, pandoc.RawBlock("typst", "]"))
    blocks:insert(at, pandoc.RawBlock("typst", "#block(breakable: false)["))
    return
  end
  local items = list.content
  local head, tail = pandoc.List({}), pandoc.List({})
  for i, item in ipairs(items) do
    if i <= #items - KEEP_AT_END then head:insert(item) else tail:insert(item) end
  end
  local start = list.listAttributes.start
  local rest = pandoc.OrderedList(tail, pandoc.ListAttributes(start + #head, list.listAttributes.style,
    list.listAttributes.delimiter))
  blocks[at] = pandoc.OrderedList(head, list.listAttributes)
  blocks:insert(at + 1, pandoc.RawBlock("typst", "#block(breakable: false)["))
  blocks:insert(at + 2, rest)
  blocks:insert(at + 3, pandoc.RawBlock("typst", "]"))
end

local function end_of_article(doc)
  notes_before_references(doc.blocks)
  keep_last_references(doc.blocks)
  return doc
end

-- Only elements the Typst writer gives a label; a link to any other id would not compile.
local labelled = {
  Span = collect, Div = collect, Header = collect, Table = collect, Figure = collect, Link = collect_target,
}

return {
  {
    Pandoc = function(doc)
      doc:walk(labelled)
      return nil
    end,
  },
  { Superscript = unbreakable, Blocks = keep_intros },
  { Link = fix_link, Span = anchor_span, Image = image, Div = div, Table = header_row_from_body },
  { Pandoc = end_of_article },
}
