<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_TW">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ThinkDesk</source>
        <translation>關於 ThinkDesk</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>授權條款</translation>
    </message>
    <message>
        <source>llama.cpp</source>
        <translation>llama.cpp</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>複製詳細資訊</translation>
    </message>
    <message>
        <source>Copy the version and llama.cpp build for a support request</source>
        <translation>複製版本和 llama.cpp 組建資訊，以便申請技術支援</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Offline chat with DeepSeek-R1 distilled reasoning models, on your computer&apos;s processor. Nothing leaves this computer unless you ask for a download.</source>
        <translation>在本機處理器上與 DeepSeek-R1 蒸餾推理模型離線對話。除非你主動下載，任何資料都不會離開這台電腦。</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安裝</translation>
    </message>
    <message>
        <source>llama-cpp-python %1</source>
        <translation>llama-cpp-python %1</translation>
    </message>
    <message>
        <source>llama-cpp-python %1 · CPU backend: %2</source>
        <translation>llama-cpp-python %1 · CPU 後端：%2</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>內建</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>元件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>授權條款</translation>
    </message>
    <message>
        <source>Runtime and libraries</source>
        <translation>執行環境與程式庫</translation>
    </message>
    <message>
        <source>Python packages</source>
        <translation>Python 套件</translation>
    </message>
    <message>
        <source>Fonts</source>
        <translation>字型</translation>
    </message>
    <message>
        <source>Models (not included; downloaded or imported by you)</source>
        <translation>模型（不隨軟體附帶，由你下載或匯入）</translation>
    </message>
    <message>
        <source>Select a component to read its licence.</source>
        <translation>選擇一個元件以檢視其授權條款。</translation>
    </message>
    <message>
        <source>The licence text %1 is missing from this installation.</source>
        <translation>此安裝中缺少授權條款文字 %1。</translation>
    </message>
    <message>
        <source>llama-cpp-python:</source>
        <translation>llama-cpp-python：</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>CPU backend in use:</source>
        <translation>使用中的 CPU 後端：</translation>
    </message>
    <message>
        <source>CPU backends shipped:</source>
        <translation>隨附的 CPU 後端：</translation>
    </message>
    <message>
        <source>The fastest backend this processor supports is chosen at start-up.</source>
        <translation>啟動時會自動選擇此處理器支援的最快後端。</translation>
    </message>
    <message>
        <source>This build has one CPU backend, built for a particular processor.</source>
        <translation>此版本只有一個 CPU 後端，針對特定處理器組建。</translation>
    </message>
    <message>
        <source>Backends:</source>
        <translation>後端：</translation>
    </message>
    <message>
        <source>CPU features used:</source>
        <translation>使用的 CPU 功能：</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>問題：</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已複製</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <source>Language</source>
        <translation>語言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>The language of menus and messages; applies the next time ThinkDesk starts.</source>
        <translation>選單與訊息使用的語言；下次啟動 ThinkDesk 時生效。</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字型大小</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系統大小</translation>
    </message>
    <message>
        <source>Text size in points; bigger sizes read well on a projector.</source>
        <translation>文字大小（點）；在投影機上用大字比較容易閱讀。</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 點</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主題</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟隨系統</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>淺色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light or dark colours.</source>
        <translation>淺色或深色配色。</translation>
    </message>
</context>
<context>
    <name>AssistantMessageView</name>
    <message>
        <source>Assistant message</source>
        <translation>助理訊息</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>錯誤：{message}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The model did not finish thinking; no answer was given.</source>
        <translation>模型沒有完成思考，因此沒有給出回答。</translation>
    </message>
    <message>
        <source>The model returned an empty response.</source>
        <translation>模型傳回了空白回覆。</translation>
    </message>
    <message>
        <source>{n} tokens · {rate:.1f} tokens/s</source>
        <translation>{n} 個 token · {rate:.1f} token/秒</translation>
    </message>
    <message>
        <source>Thinking… {duration}</source>
        <translation>思考中… {duration}</translation>
    </message>
    <message>
        <source>Thought for {duration}</source>
        <translation>已思考 {duration}</translation>
    </message>
    <message>
        <source>{s} s</source>
        <translation>{s} 秒</translation>
    </message>
    <message>
        <source>{m} min {s} s</source>
        <translation>{m} 分 {s} 秒</translation>
    </message>
</context>
<context>
    <name>BranchSwitch</name>
    <message>
        <source>Earlier version</source>
        <translation>上一個版本</translation>
    </message>
    <message>
        <source>Show the earlier version</source>
        <translation>顯示上一個版本</translation>
    </message>
    <message>
        <source>Later version</source>
        <translation>下一個版本</translation>
    </message>
    <message>
        <source>Show the later version</source>
        <translation>顯示下一個版本</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>第 %1 個版本，共 %2 個</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>This model needs about {need:.1f} GB of memory, but at most {budget:.1f} GB of this PC&apos;s {have:.1f} GB can go to it. Choose a smaller model.</source>
        <extracomment>Fallback when desktop.core.models.memory_fit is unavailable: compute buffers plus the app itself. The context the fit verdict assumes: memory_fit&apos;s floor, below which R1 cannot think.</extracomment>
        <translation>這個模型大約需要 {need:.1f} GB 記憶體，但這台電腦的 {have:.1f} GB 中最多只能分給它 {budget:.1f} GB。請選擇更小的模型。</translation>
    </message>
    <message>
        <source>This model needs about {need:.1f} GB of memory; this PC has {have:.1f} GB. It will run, but close other programs ({recommended:.0f} GB or more is recommended).</source>
        <translation>這個模型大約需要 {need:.1f} GB 記憶體，這台電腦有 {have:.1f} GB。可以執行，但請關閉其他程式（建議 {recommended:.0f} GB 以上）。</translation>
    </message>
    <message>
        <source>Fits this PC: about {need:.1f} GB of {have:.1f} GB.</source>
        <translation>適合這台電腦：約佔 {have:.1f} GB 中的 {need:.1f} GB。</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}：{problem}</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文字</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整數</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>數字</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>物件</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>清單</translation>
    </message>
    <message>
        <source>null</source>
        <translation>null</translation>
    </message>
    <message>
        <source>{first} or {rest}</source>
        <translation>{first}或{rest}</translation>
    </message>
    <message>
        <source>{where}.{field}</source>
        <translation>{where}.{field}</translation>
    </message>
    <message>
        <source>only &apos;repo&apos; and &apos;revision&apos; are allowed</source>
        <translation>只允許 &apos;repo&apos; 和 &apos;revision&apos;</translation>
    </message>
    <message>
        <source>&apos;repo&apos; must look like &apos;owner/name&apos;</source>
        <translation>&apos;repo&apos; 的格式必須是 &apos;owner/name&apos;</translation>
    </message>
    <message>
        <source>&apos;revision&apos; must be a branch name or commit id</source>
        <translation>&apos;revision&apos; 必須是分支名稱或提交 ID</translation>
    </message>
    <message>
        <source>each model must be a JSON object</source>
        <translation>每個模型都必須是一個 JSON 物件</translation>
    </message>
    <message>
        <source>unknown field(s) {fields}; check the spelling</source>
        <translation>未知欄位 {fields}；請檢查拼字</translation>
    </message>
    <message>
        <source>the field &apos;{key}&apos; is missing</source>
        <translation>缺少欄位 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be {kind}, not {value}</source>
        <translation>&apos;{key}&apos; 必須是{kind}，而不是 {value}</translation>
    </message>
    <message>
        <source>{where} ({id})</source>
        <translation>{where}（{id}）</translation>
    </message>
    <message>
        <source>&apos;id&apos; may use only lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>&apos;id&apos; 只能使用小寫字母、數字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>&apos;file&apos; must be a plain file name ending in .gguf (no folders)</source>
        <translation>&apos;file&apos; 必須是以 .gguf 結尾的純檔名（不含資料夾）</translation>
    </message>
    <message>
        <source>&apos;sha256&apos; must be 64 lower-case hexadecimal characters</source>
        <translation>&apos;sha256&apos; 必須是 64 個小寫十六進位字元</translation>
    </message>
    <message>
        <source>&apos;size&apos; must be a positive number of bytes</source>
        <translation>&apos;size&apos; 必須是正的位元組數</translation>
    </message>
    <message>
        <source>give the exact &apos;size&apos; in bytes, or null and an &apos;approx_size&apos;</source>
        <translation>請填寫精確的 &apos;size&apos;（位元組），或填 null 並提供 &apos;approx_size&apos;</translation>
    </message>
    <message>
        <source>&apos;context_length&apos; and &apos;recommended_ram_gb&apos; must be positive</source>
        <translation>&apos;context_length&apos; 和 &apos;recommended_ram_gb&apos; 必須是正數</translation>
    </message>
    <message>
        <source>&apos;shape&apos; must hold exactly {keys} as positive whole numbers</source>
        <translation>&apos;shape&apos; 必須恰好包含 {keys}，且皆為正整數</translation>
    </message>
    <message>
        <source>&apos;urls&apos; must be a list of http:// or https:// addresses</source>
        <translation>&apos;urls&apos; 必須是 http:// 或 https:// 網址的清單</translation>
    </message>
    <message>
        <source>give at least one of &apos;modelscope&apos;, &apos;hf&apos; or &apos;urls&apos;</source>
        <translation>請至少提供 &apos;modelscope&apos;、&apos;hf&apos; 或 &apos;urls&apos; 其中一項</translation>
    </message>
    <message>
        <source>the file must hold a JSON object</source>
        <translation>檔案內容必須是一個 JSON 物件</translation>
    </message>
    <message>
        <source>&apos;schema_version&apos; must be {wanted} (found {found}); the file may be meant for a different ThinkDesk version</source>
        <translation>&apos;schema_version&apos; 必須是 {wanted}（實際為 {found}）；該檔案可能是為其他版本的 ThinkDesk 準備的</translation>
    </message>
    <message>
        <source>only &apos;schema_version&apos; and &apos;models&apos; are allowed at the top level</source>
        <translation>最上層只允許 &apos;schema_version&apos; 和 &apos;models&apos;</translation>
    </message>
    <message>
        <source>&apos;models&apos; must be a list</source>
        <translation>&apos;models&apos; 必須是清單</translation>
    </message>
    <message>
        <source>{origin}: model #{n}</source>
        <translation>{origin}：第 {n} 個模型</translation>
    </message>
    <message>
        <source>the id &apos;{id}&apos; is used twice</source>
        <translation>ID &apos;{id}&apos; 被使用了兩次</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({error})</source>
        <translation>{path}：無法讀取（{error}）</translation>
    </message>
    <message>
        <source>{path}: is not valid JSON ({error})</source>
        <translation>{path}：不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>It fits in memory (about {need:.1f} GB), but with {cores} cores this PC would write only about {low:g}-{high:g} tokens per second: too slow to be practical. A smaller model answers much sooner.</source>
        <translation>記憶體夠用（約 {need:.1f} GB），但這台電腦只有 {cores} 個核心，每秒大約只能產生 {low:g}-{high:g} 個 token，慢得難以實際使用。較小的模型回答快得多。</translation>
    </message>
    <message>
        <source>Expected speed: about {low:g}-{high:g} tokens per second.</source>
        <translation>預計速度：每秒約 {low:g}-{high:g} 個 token。</translation>
    </message>
    <message>
        <source>{fit} {speed}</source>
        <translation>{fit}{speed}</translation>
    </message>
    <message>
        <source>About {need:.1f} GB of memory while answering (at {ctx:,} tokens of context). A PC with {recommended:g} GB of RAM or more leaves room for other programs.</source>
        <translation>回答時約佔用 {need:.1f} GB 記憶體（上下文為 {ctx:,} 個 token 時）。記憶體為 {recommended:g} GB 或以上的電腦還能給其他程式留出空間。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>The message is too long ({0:,} characters; the limit is {1:,}). Shorten it or split it into parts.</source>
        <extracomment>Pasting a book into the box must not freeze the app or blow the context silently. How often the thinking statistics (tokens, speed) are reported to the UI. The model may not think at all (a server that did not say): see ``_close``. Asked while no model was open (a Regenerate during a load): the two flags above are the R1 default until the first token, when the model that answers is known. request_id, thinking tokens, all tokens, tokens per second (about twice a second) request_id, the whole reply: what streamed as thinking was the answer (a server&apos;s model that may not think ended without marking a thinking). Comes before the end. request_id, whether the reply thinks after all: a reply asked while no model was open follows the model that answers it (sent at its first token, if that differs).</extracomment>
        <translation>訊息太長（{0:,} 個字元，上限為 {1:,}）。請縮短內容或分成幾段傳送。</translation>
    </message>
</context>
<context>
    <name>ClassroomView</name>
    <message>
        <source>ThinkDesk — Classroom</source>
        <extracomment>How much larger than the app&apos;s font the classroom text is (readable from the back row). How many steps past the last revealed one have their formulas typeset in the background.</extracomment>
        <translation>ThinkDesk — 課堂</translation>
    </message>
    <message>
        <source>Classroom presentation</source>
        <translation>課堂簡報</translation>
    </message>
    <message>
        <source>Space: next step   ←: back   A: show answer   Esc: leave</source>
        <translation>Space：下一步   ←：上一步   A：顯示答案   Esc：離開</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>答案</translation>
    </message>
    <message>
        <source> (the model is still thinking…)</source>
        <translation>（模型仍在思考…）</translation>
    </message>
    <message>
        <source>Waiting for the model&apos;s reasoning…</source>
        <translation>正在等待模型的思考過程…</translation>
    </message>
    <message>
        <source>Step {0} of {1}</source>
        <translation>第 {0} 步，共 {1} 步</translation>
    </message>
</context>
<context>
    <name>Composer</name>
    <message>
        <source>Question</source>
        <extracomment>&quot;enter&quot;: Enter sends and Shift+Enter breaks the line; &quot;ctrl_enter&quot;: the other way round. The box grows with its text up to this many lines, then scrolls.</extracomment>
        <translation>問題</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>傳送</translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation>立即作答</translation>
    </message>
    <message>
        <source>Stop thinking now and give the answer (the thinking so far is kept).</source>
        <translation>現在停止思考並給出回答（已有的思考內容會保留）。</translation>
    </message>
    <message>
        <source>Ask a question…  (Ctrl+Enter sends, Enter: new line)</source>
        <translation>輸入問題…  （Ctrl+Enter 傳送，Enter 換行）</translation>
    </message>
    <message>
        <source>Ask a question…  (Enter sends, Shift+Enter: new line)</source>
        <translation>輸入問題…  （Enter 傳送，Shift+Enter 換行）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
</context>
<context>
    <name>ConversationList</name>
    <message>
        <source>New chat</source>
        <translation>新對話</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>開始新的對話</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜尋對話</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜尋對話紀錄</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>對話</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>復原</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>復原刪除</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已釘選</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>No chats match</source>
        <translation>沒有符合的對話</translation>
    </message>
    <message>
        <source>No saved chats yet</source>
        <translation>還沒有儲存的對話</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Untitled chat</source>
        <translation>未命名對話</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>已釘選</translation>
    </message>
    <message>
        <source>Deleted “{0}”</source>
        <translation>已刪除「{0}」</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重新命名</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消釘選</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>釘選</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>匯出…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
</context>
<context>
    <name>Download</name>
    <message>
        <source>a secure connection could not be made ({error})</source>
        <translation>無法建立安全連線（{error}）</translation>
    </message>
    <message>
        <source>No download source offers {file}.</source>
        <translation>沒有任何下載來源提供 {file}。</translation>
    </message>
    <message>
        <source>Could not write {part} ({error}). Free some disk space and resume; the part downloaded so far was kept.</source>
        <translation>無法寫入 {part}（{error}）。請釋放一些磁碟空間後繼續；已下載的部分已保留。</translation>
    </message>
    <message>
        <source>{source}: {problem}.</source>
        <translation>{source}：{problem}。</translation>
    </message>
    <message>
        <source>{source} failed: {problem}. Trying {next} instead.</source>
        <translation>{source} 失敗：{problem}。改為嘗試 {next}。</translation>
    </message>
    <message>
        <source>{source} failed: {problem}.</source>
        <translation>{source} 失敗：{problem}。</translation>
    </message>
    <message>
        <source>Could not download {file}. {failures}</source>
        <translation>無法下載 {file}。{failures}</translation>
    </message>
    <message>
        <source>the connection ended at {done:,} of {total:,} bytes</source>
        <translation>連線在 {done:,} / {total:,} 位元組處中斷</translation>
    </message>
    <message>
        <source>{source}: {problem}; retrying in {delay:.1f} s.</source>
        <translation>{source}：{problem}；{delay:.1f} 秒後重試。</translation>
    </message>
    <message>
        <source>{source}: {problem}; downloading again from the start.</source>
        <translation>{source}：{problem}；從頭重新下載。</translation>
    </message>
    <message>
        <source>{source} did not describe the file ({error}); going on.</source>
        <translation>{source} 沒有提供檔案資訊（{error}）；繼續下載。</translation>
    </message>
    <message>
        <source>it offers a different version of the file (sha256 differs)</source>
        <translation>它提供的是該檔案的另一個版本（sha256 不同）</translation>
    </message>
    <message>
        <source>it offers a file of {size:,} bytes, not the {expected:,} bytes in the catalog</source>
        <translation>它提供的檔案為 {size:,} 位元組，而不是模型目錄中的 {expected:,} 位元組</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>伺服器未及時回應</translation>
    </message>
    <message>
        <source>no data arrived for {seconds:g} s</source>
        <translation>{seconds:g} 秒內沒有收到資料</translation>
    </message>
    <message>
        <source>the connection broke off after {done:,} bytes</source>
        <translation>連線在 {done:,} 位元組後中斷</translation>
    </message>
    <message>
        <source>the request failed ({error})</source>
        <translation>請求失敗（{error}）</translation>
    </message>
    <message>
        <source>the server answered {answer}</source>
        <translation>伺服器回應 {answer}</translation>
    </message>
    <message>
        <source>unexpected answer {answer}</source>
        <translation>未預期的回應 {answer}</translation>
    </message>
    <message>
        <source>it sent a web page ({type}) instead of the file; a Wi-Fi sign-in page (hotel, airport) or a proxy may be in the way. Sign in in your browser, then resume</source>
        <translation>它傳來的是一個網頁（{type}），而不是檔案；可能是 Wi-Fi 登入頁面（飯店、機場）或代理伺服器攔截了下載。請先在瀏覽器中登入，然後繼續下載</translation>
    </message>
    <message>
        <source>the server resumed at the wrong place</source>
        <translation>伺服器從錯誤的位置續傳</translation>
    </message>
    <message>
        <source>it cannot resume and its answer ({length} bytes) is not the whole file</source>
        <translation>它不支援續傳，且其回應（{length} 位元組）不是完整的檔案</translation>
    </message>
    <message>
        <source>{source} cannot resume downloads; starting from the beginning.</source>
        <translation>{source} 不支援續傳；從頭開始下載。</translation>
    </message>
    <message>
        <source>it sends {size:,} bytes, not the {expected:,} expected</source>
        <translation>它傳送了 {size:,} 位元組，而不是預期的 {expected:,} 位元組</translation>
    </message>
    <message>
        <source>it sent more bytes than the file has</source>
        <translation>它傳送的位元組數超過了檔案大小</translation>
    </message>
    <message>
        <source>it is {size:,} bytes instead of {expected:,}</source>
        <translation>大小為 {size:,} 位元組，而不是 {expected:,}</translation>
    </message>
    <message>
        <source>its sha256 does not match the catalog: it is damaged or was tampered with</source>
        <translation>它的 sha256 與模型目錄不符：檔案已損毀或遭竄改</translation>
    </message>
    <message>
        <source>the file it sent failed verification ({problem}) and was deleted</source>
        <translation>它傳送的檔案未通過驗證（{problem}），已刪除</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>下載已取消。</translation>
    </message>
    <message>
        <source>The download was paused; it will resume where it stopped.</source>
        <translation>下載已暫停；繼續時會從中斷處接著下載。</translation>
    </message>
    <message>
        <source>this PC</source>
        <extracomment>Where a file that was already in place &quot;came from&quot;, for the progress line.</extracomment>
        <translation>本機</translation>
    </message>
    <message>
        <source>{file} is already being downloaded or imported, in this window or by another ThinkDesk (a second window or the command line). Let that finish, or stop it there, then try again.</source>
        <translation>{file} 已在下載或匯入中，可能在此視窗，也可能在另一個 ThinkDesk（第二個視窗或命令列）中。請等它完成，或在那裡停止它，然後再試一次。</translation>
    </message>
    <message>
        <source>The verified file could not be put in place ({error}). If the model is open, close it and try again.</source>
        <translation>已驗證的檔案無法放到目標位置（{error}）。如果該模型正在使用，請關閉後重試。</translation>
    </message>
    <message>
        <source>HF mirror</source>
        <translation>HF 鏡像站</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>鏡像站</translation>
    </message>
    <message>
        <source>it does not have the file (404)</source>
        <extracomment>Why a source is given up on (download.py words its own answers the same way).</extracomment>
        <translation>它沒有這個檔案（404）</translation>
    </message>
    <message>
        <source>it refused access ({status})</source>
        <translation>它拒絕了存取（{status}）</translation>
    </message>
    <message>
        <source>{name} ({host})</source>
        <translation>{name}（{host}）</translation>
    </message>
    <message>
        <source>the repository {repo} has no file {file}</source>
        <translation>儲存庫 {repo} 中沒有檔案 {file}</translation>
    </message>
    <message>
        <source>unknown source {choice}; choose one of {choices}</source>
        <translation>未知的下載來源 {choice}；請從 {choices} 中選擇</translation>
    </message>
    <message>
        <source>Not enough free disk space: the download needs {need:.2f} GB (including {margin:.2f} GB to spare) and {folder} has {free:.2f} GB free. Free some space or choose a smaller model.</source>
        <translation>磁碟空間不足：下載需要 {need:.2f} GB（含 {margin:.2f} GB 餘裕），而 {folder} 只有 {free:.2f} GB 可用。請釋放一些空間或選擇更小的模型。</translation>
    </message>
    <message>
        <source>the server could not be reached (connection refused)</source>
        <extracomment>Content types of pages, never of a model file.</extracomment>
        <translation>無法連線到伺服器（連線被拒絕）</translation>
    </message>
    <message>
        <source>the server&apos;s name could not be looked up (is this PC offline?)</source>
        <translation>無法解析伺服器的網域名稱（這台電腦是否沒有連上網路？）</translation>
    </message>
    <message>
        <source>the server could not be reached</source>
        <translation>無法連線到伺服器</translation>
    </message>
    <message>
        <source>Could not download {file}: none of the download sources could be reached. {failures} If this PC has no internet access, work offline (Settings &gt; Network &gt; Never connect to the network) and bring the model on a USB stick: Import &gt; A folder.</source>
        <translation>無法下載 {file}：所有下載來源都無法連線。{failures} 如果這台電腦無法上網，請改為離線使用（設定 &gt; 網路 &gt; 永不連線網路），並用隨身碟帶來模型：匯入… &gt; 資料夾（例如隨身碟）。</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>Paused.</source>
        <translation>已暫停。</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>已取消。</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>Paused; resume to continue where it stopped.</source>
        <translation>已暫停；繼續後會從中斷處接著下載。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在驗證…</translation>
    </message>
    <message>
        <source>%1 could not be deleted (%2). Close any other program that uses it and try again; the model stays in the list.</source>
        <translation>無法刪除 %1（%2）。請關閉正在使用它的其他程式後重試；該模型仍保留在清單中。</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so nothing was downloaded. Turn off &quot;Never connect to the network&quot; in Settings &gt; Network, or import a model file instead.</source>
        <translation>ThinkDesk 已設為離線工作，因此沒有下載任何內容。請在「設定 &gt; 網路」中取消勾選「永不連線網路」，或改為匯入模型檔案。</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>Pause</source>
        <translation>暫停</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清除</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
    <message>
        <source>Verifying the checksum…</source>
        <translation>正在驗證 SHA-256…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>已暫停：%1 / %2</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在開始…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>繼續</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重試</translation>
    </message>
</context>
<context>
    <name>DownloadWorker</name>
    <message>
        <source>Unexpected error: %1</source>
        <translation>未預期的錯誤：%1</translation>
    </message>
    <message>
        <source>Downloaded and verified from %1.</source>
        <translation>已從 %1 下載並驗證。</translation>
    </message>
    <message>
        <source>%1 The downloaded file was deleted.</source>
        <translation>%1 已刪除下載的檔案。</translation>
    </message>
    <message>
        <source>Downloaded from %1 and test-loaded. Unverified source: the hub gave no sha256 to check the file against.</source>
        <translation>已從 %1 下載並試載入。來源未經驗證：該模型庫沒有提供可用來核對檔案的 sha256。</translation>
    </message>
    <message>
        <source>No .gguf model files were found in %1.</source>
        <translation>在 %1 中找不到 .gguf 模型檔案。</translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>匯入已取消。</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已匯入 %1。</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未匯入：%1</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No model is open</source>
        <translation>尚未開啟模型</translation>
    </message>
    <message>
        <source>Open a DeepSeek-R1-Distill-Qwen GGUF file to start chatting. Everything runs on this computer; nothing is sent anywhere.</source>
        <translation>開啟一個 DeepSeek-R1-Distill-Qwen GGUF 檔案即可開始對話。一切都在這台電腦上執行，不會傳送任何資料。</translation>
    </message>
    <message>
        <source>Open model file…</source>
        <translation>開啟模型檔案…</translation>
    </message>
    <message>
        <source>Download or import a model…</source>
        <translation>下載或匯入模型…</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>llama.cpp could not load &apos;{name}&apos;: {error}</source>
        <extracomment>When old turns must go, keep the prompt to this share of its budget, so the next turns fit behind the same first message (and reuse the KV cache) for a while. Tokenizer and template only (no weights, no generation): for --show-prompt and tests.</extracomment>
        <translation>llama.cpp 無法載入「{name}」：{error}</translation>
    </message>
    <message>
        <source>The question is too long for the model&apos;s context ({tokens} tokens of {n_ctx}). Shorten it or raise the context length in Settings.</source>
        <translation>問題超出了模型的上下文長度（{tokens} 個 token，上限 {n_ctx}）。請縮短問題，或在「設定」中增加上下文長度。</translation>
    </message>
    <message>
        <source>There is no question to answer.</source>
        <extracomment>How this model&apos;s replies start; ``reasoning`` as for a local model (thinking pane, budget, wrap-up) and ``reasoning_guessed``: a reply that never marks a thinking is the answer after all (see ``engines.remote_reasoning``).</extracomment>
        <translation>沒有需要回答的問題。</translation>
    </message>
    <message>
        <source>llama.cpp failed while generating: {error}</source>
        <translation>llama.cpp 產生回答時出錯：{error}</translation>
    </message>
    <message>
        <source>The model&apos;s chat template is broken: {error}</source>
        <translation>模型的對話範本已損毀：{error}</translation>
    </message>
    <message>
        <source>This model file has no chat template, and ThinkDesk does not know how to talk to &apos;{architecture}&apos; models without one. Use a GGUF that includes its chat template.</source>
        <translation>此模型檔案沒有對話範本，ThinkDesk 不知道在沒有範本時如何與「{architecture}」模型對話。請使用包含對話範本的 GGUF。</translation>
    </message>
    <message>
        <source>The model&apos;s chat template failed: {error}</source>
        <translation>模型的對話範本執行失敗：{error}</translation>
    </message>
</context>
<context>
    <name>EnginePage</name>
    <message>
        <source>Answers come from</source>
        <translation>回答來自</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>這台電腦</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>伺服器</translation>
    </message>
    <message>
        <source>A server is a bigger machine on your network running llama-server, vLLM or Ollama; your questions and the answers then travel to it and back.</source>
        <translation>伺服器是您網路中執行 llama-server、vLLM 或 Ollama 的一台更強的機器；您的問題和回答會在它與本機之間傳送。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>伺服器位址</translation>
    </message>
    <message>
        <source>The address of its OpenAI-compatible API, with the port.</source>
        <translation>其 OpenAI 相容 API 的位址，包含連接埠。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s credential store, not in the settings.</source>
        <translation>儲存在這台電腦的憑證存放區中，而不是設定裡。</translation>
    </message>
    <message>
        <source>This computer has no credential store, so the key is kept only until ThinkDesk closes.</source>
        <translation>這台電腦沒有憑證存放區，因此金鑰只保留到 ThinkDesk 關閉為止。</translation>
    </message>
    <message>
        <source>API key (optional)</source>
        <translation>API 金鑰（選填）</translation>
    </message>
    <message>
        <source>The server&apos;s first model</source>
        <translation>伺服器的第一個模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Test connection lists the models the server offers.</source>
        <translation>「測試連線」會列出伺服器提供的模型。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>測試連線</translation>
    </message>
    <message>
        <source>Enter an address like http://gpu-box:8080.</source>
        <translation>請輸入類似 http://gpu-box:8080 的位址。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在測試…</translation>
    </message>
    <message>
        <source>Connected. The server offers {0} model(s).</source>
        <translation>已連線。伺服器提供 {0} 個模型。</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>You</source>
        <translation>你</translation>
    </message>
    <message>
        <source>Assistant</source>
        <translation>助理</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考過程</translation>
    </message>
    <message>
        <source>Reasoning · thought for {seconds} s</source>
        <translation>思考過程 · 用時 {seconds} 秒</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>(No answer: the model did not finish thinking.)</source>
        <translation>（沒有回答：模型未完成思考。）</translation>
    </message>
    <message>
        <source>(No answer: the model returned an empty response.)</source>
        <translation>（沒有回答：模型傳回了空白回覆。）</translation>
    </message>
    <message>
        <source>Stopped before the answer was finished.</source>
        <translation>回答尚未完成時已被停止。</translation>
    </message>
    <message>
        <source>Interrupted: the app closed before the answer was finished.</source>
        <translation>已中斷：回答完成前應用程式已關閉。</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>失敗：{error}</translation>
    </message>
    <message>
        <source>Exported from ThinkDesk on {date}</source>
        <translation>於 {date} 從 ThinkDesk 匯出</translation>
    </message>
</context>
<context>
    <name>ExportDone</name>
    <message>
        <source>The conversation was saved to:
{0}</source>
        <translation>對話已儲存到：
{0}</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已匯出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>開啟資料夾</translation>
    </message>
</context>
<context>
    <name>FindModelsButton</name>
    <message>
        <source>Find more models…</source>
        <translation>尋找更多模型…</translation>
    </message>
    <message>
        <source>Search ModelScope and Hugging Face for other sizes and quantizations (Q5_K_M, Q8_0, 14B, 32B, Qwen3 …).</source>
        <translation>在 ModelScope 和 Hugging Face 上尋找其他規模和量化版本（Q5_K_M、Q8_0、14B、32B、Qwen3 …）。</translation>
    </message>
</context>
<context>
    <name>FindModelsDialog</name>
    <message>
        <source>Find more models</source>
        <extracomment>What the search box suggests on first use: the models ThinkDesk is made for.</extracomment>
        <translation>尋找更多模型</translation>
    </message>
    <message>
        <source>Search for a model, e.g. R1 14B or Qwen3 8B</source>
        <translation>搜尋模型，例如 R1 14B 或 Qwen3 8B</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>搜尋內容</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜尋</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>儲存庫</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>授權條款</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下載次數</translation>
    </message>
    <message>
        <source>File</source>
        <translation>檔案</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>本機適配</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>驗證方式</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <source>Downloads appear in the model manager, verified like the catalog&apos;s.</source>
        <translation>下載工作會顯示在模型管理員中，並和目錄中的模型一樣經過驗證。</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so it cannot search. Turn off &quot;Never connect to the network&quot; in Settings &gt; Network, or import a model file instead.</source>
        <translation>ThinkDesk 已設定為離線工作，因此無法搜尋。請在「設定 &gt; 網路」中取消勾選「永不連線網路」，或改為匯入模型檔案。</translation>
    </message>
    <message>
        <source>Press Enter to search ModelScope and Hugging Face for GGUF models. DeepSeek-R1 distills are listed first.</source>
        <translation>按 Enter 在 ModelScope 和 Hugging Face 上搜尋 GGUF 模型。DeepSeek-R1 蒸餾模型排在最前面。</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未註明</translation>
    </message>
    <message>
        <source>Good fit</source>
        <translation>合適</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>勉強</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>過大</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Split model</source>
        <translation>分割模型</translation>
    </message>
    <message>
        <source>This model is split into several files; ThinkDesk cannot download split models yet. Choose a single-file quantization.</source>
        <translation>這個模型被分割成多個檔案；ThinkDesk 暫時無法下載分割模型。請選擇單一檔案的量化版本。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在檢查…</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>The hub gives the file&apos;s sha256; the download is checked against it.</source>
        <translation>模型庫提供了該檔案的 sha256；下載後會據此驗證。</translation>
    </message>
    <message>
        <source>Test load only</source>
        <translation>僅試載入</translation>
    </message>
    <message>
        <source>The hub gives no sha256: after the download the file is test-loaded and marked as coming from an unverified source.</source>
        <translation>模型庫沒有提供 sha256：下載後會試載入該檔案，並標記為來源未經驗證。</translation>
    </message>
    <message>
        <source>Download it anyway (for another PC)?</source>
        <translation>仍要下載嗎（給另一台電腦用）？</translation>
    </message>
    <message>
        <source>Model too big for this PC</source>
        <translation>模型對這台電腦來說太大</translation>
    </message>
    <message>
        <source>%1 is downloading; follow it in the model manager.</source>
        <translation>%1 正在下載；可在模型管理員中查看進度。</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>正在搜尋「%1」…</translation>
    </message>
    <message>
        <source>Repositories with GGUF files from %1: %2.</source>
        <translation>來自 %1 的含 GGUF 檔案的儲存庫：%2 個。</translation>
    </message>
    <message>
        <source>%1 has no GGUF models matching this search.</source>
        <translation>%1 上沒有符合此搜尋的 GGUF 模型。</translation>
    </message>
</context>
<context>
    <name>GGUFError</name>
    <message>
        <source>{label} is empty (0 bytes); the download did not complete.</source>
        <translation>{label} 是空檔案（0 位元組）；下載沒有完成。</translation>
    </message>
    <message>
        <source>it does not start with the GGUF signature</source>
        <translation>它的開頭沒有 GGUF 簽章</translation>
    </message>
    <message>
        <source>it is probably a Git LFS pointer; the real model was never downloaded</source>
        <translation>它很可能是 Git LFS 指標檔；真正的模型從未下載</translation>
    </message>
    <message>
        <source>it looks like a web page, perhaps an error page saved instead of the model</source>
        <translation>它看起來像網頁，可能儲存的是錯誤頁面而不是模型</translation>
    </message>
    <message>
        <source>{label} is not a GGUF model file ({hint}).</source>
        <translation>{label} 不是 GGUF 模型檔案（{hint}）。</translation>
    </message>
    <message>
        <source>{label} is only {size} bytes long; the download may be incomplete.</source>
        <translation>{label} 只有 {size} 位元組；下載可能不完整。</translation>
    </message>
    <message>
        <source>the version</source>
        <translation>版本號</translation>
    </message>
    <message>
        <source>it is a big-endian file made for a different kind of computer</source>
        <translation>它是為其他類型電腦製作的大端序檔案</translation>
    </message>
    <message>
        <source>it uses the obsolete GGUF version 1; download a newer copy</source>
        <translation>它使用已淘汰的 GGUF 第 1 版；請下載較新的版本</translation>
    </message>
    <message>
        <source>it uses GGUF version {version}; ThinkDesk reads versions 2 and 3</source>
        <translation>它使用 GGUF 第 {version} 版；ThinkDesk 只能讀取第 2 版和第 3 版</translation>
    </message>
    <message>
        <source>{label} cannot be read ({detail}).</source>
        <translation>無法讀取 {label}（{detail}）。</translation>
    </message>
    <message>
        <source>the tensor count</source>
        <translation>張量數量</translation>
    </message>
    <message>
        <source>the key count</source>
        <translation>鍵數量</translation>
    </message>
    <message>
        <source>the metadata table</source>
        <translation>中繼資料表</translation>
    </message>
    <message>
        <source>a metadata key</source>
        <translation>中繼資料鍵名</translation>
    </message>
    <message>
        <source>the metadata key {key} appears twice</source>
        <translation>中繼資料鍵 {key} 出現了兩次</translation>
    </message>
    <message>
        <source>the type of {key}</source>
        <translation>{key} 的類型</translation>
    </message>
    <message>
        <source>the alignment is not stored as a 32-bit number</source>
        <translation>對齊值沒有以 32 位元整數儲存</translation>
    </message>
    <message>
        <source>a {arch} model</source>
        <translation>{arch} 模型</translation>
    </message>
    <message>
        <source>not labelled as any model type</source>
        <translation>沒有標明模型類型</translation>
    </message>
    <message>
        <source>{label} cannot be used: this file is {kind}; ThinkDesk runs chat models such as DeepSeek-R1-Distill-Qwen (architecture qwen2).</source>
        <translation>無法使用 {label}：此檔案為{kind}；ThinkDesk 執行的是 DeepSeek-R1-Distill-Qwen 這類對話模型（架構 qwen2）。</translation>
    </message>
    <message>
        <source>the alignment {alignment} is not a power of two</source>
        <translation>對齊值 {alignment} 不是 2 的冪次</translation>
    </message>
    <message>
        <source>the tensor table</source>
        <translation>張量表</translation>
    </message>
    <message>
        <source>a tensor name</source>
        <translation>張量名稱</translation>
    </message>
    <message>
        <source>the tensor {tensor} appears twice</source>
        <translation>張量 {tensor} 出現了兩次</translation>
    </message>
    <message>
        <source>the shape of {tensor}</source>
        <translation>{tensor} 的形狀</translation>
    </message>
    <message>
        <source>the tensor {tensor} has {n} dimensions</source>
        <translation>張量 {tensor} 有 {n} 個維度</translation>
    </message>
    <message>
        <source>the offset of {tensor}</source>
        <translation>{tensor} 的位移量</translation>
    </message>
    <message>
        <source>the tensor {tensor} uses an unknown weight format ({type})</source>
        <translation>張量 {tensor} 使用了未知的權重格式（{type}）</translation>
    </message>
    <message>
        <source>the shape of {tensor} does not fit its weight format</source>
        <translation>{tensor} 的形狀與其權重格式不符</translation>
    </message>
    <message>
        <source>the tensor {tensor} is not aligned in the file</source>
        <translation>張量 {tensor} 在檔案中沒有對齊</translation>
    </message>
    <message>
        <source>{label} looks truncated or damaged: the data for {tensor} would end at byte {end:,} but the file is only {size:,} bytes long. The download may be incomplete; try downloading the file again.</source>
        <translation>{label} 似乎被截斷或已損毀：{tensor} 的資料應在第 {end:,} 位元組處結束，但檔案只有 {size:,} 位元組。下載可能不完整，請重新下載該檔案。</translation>
    </message>
    <message>
        <source>{label} has a damaged vocabulary: {n:,} token(s) appear more than once (for example {example}). Loading it would crash ThinkDesk, so it was not opened.</source>
        <translation>{label} 的詞彙表已損毀：有 {n:,} 個 token 重複出現（例如 {example}）。載入它會導致 ThinkDesk 當機，因此沒有開啟。</translation>
    </message>
    <message>
        <source>{label} could not be read ({error}).</source>
        <translation>無法讀取 {label}（{error}）。</translation>
    </message>
    <message>
        <source>{label} could not be found; it may have been moved or deleted.</source>
        <translation>找不到 {label}；它可能已被移動或刪除。</translation>
    </message>
    <message>
        <source>{label} is a folder, not a model file.</source>
        <translation>{label} 是資料夾，不是模型檔案。</translation>
    </message>
    <message>
        <source>{label} is not a regular file.</source>
        <translation>{label} 不是一般檔案。</translation>
    </message>
    <message>
        <source>{label} has a damaged header ({error}).</source>
        <translation>{label} 的檔頭已損毀（{error}）。</translation>
    </message>
    <message>
        <source>the vocabulary is not a list of text tokens</source>
        <translation>詞彙表不是文字 token 的清單</translation>
    </message>
    <message>
        <source>{label} has a damaged header: {detail}.</source>
        <translation>{label} 的檔頭已損毀：{detail}。</translation>
    </message>
    <message>
        <source>{what} claims an impossible size ({n:,} bytes)</source>
        <translation>{what}宣告了一個不可能的大小（{n:,} 位元組）</translation>
    </message>
    <message>
        <source>{label} ends unexpectedly at byte {size:,} while reading {what}; the file is truncated or damaged (an incomplete download is the usual cause).</source>
        <translation>{label} 在讀取{what}時於第 {size:,} 位元組處意外結束；檔案被截斷或已損毀（通常是下載不完整所致）。</translation>
    </message>
    <message>
        <source>{label} ended while it was being read.</source>
        <translation>{label} 在讀取過程中意外結束。</translation>
    </message>
    <message>
        <source>{what} is {n:,} bytes long</source>
        <translation>{what}長達 {n:,} 位元組</translation>
    </message>
    <message>
        <source>{what} is not valid text</source>
        <translation>{what}不是有效的文字</translation>
    </message>
    <message>
        <source>the value of {key}</source>
        <translation>{key} 的值</translation>
    </message>
    <message>
        <source>{key} has an unknown value type ({type})</source>
        <translation>{key} 的值類型未知（{type}）</translation>
    </message>
    <message>
        <source>{key} is an array of an unsupported type ({type})</source>
        <translation>{key} 是不支援類型的陣列（{type}）</translation>
    </message>
</context>
<context>
    <name>GenerationPage</name>
    <message>
        <source>Temperature</source>
        <translation>溫度</translation>
    </message>
    <message>
        <source>Lower is more focused, higher more varied. DeepSeek recommends 0.6.</source>
        <translation>越低越專注，越高越多樣。DeepSeek 建議 0.6。</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Only the most likely words adding up to this share are considered (0.95).</source>
        <translation>只考慮累計機率達到此比例的最可能詞語（0.95）。</translation>
    </message>
    <message>
        <source>Longest answer</source>
        <translation>最長回答</translation>
    </message>
    <message>
        <source>Tokens per answer, thinking included; the answer stops there.</source>
        <translation>每次回答的 token 上限（含思考過程），達到後停止。</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 個 token</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>重複懲罰</translation>
    </message>
    <message>
        <source>Above 1.0 discourages repeating words; 1.0 turns it off.</source>
        <translation>大於 1.0 可減少重複用詞；1.0 表示關閉。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>隨機種子</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>隨機</translation>
    </message>
    <message>
        <source>The same seed and question give the same answer; Random varies it.</source>
        <translation>相同的種子與問題會得到相同的回答；選「隨機」則每次不同。</translation>
    </message>
    <message>
        <source>For example: Answer in simple words.</source>
        <translation>例如：請用簡單的話回答。</translation>
    </message>
    <message>
        <source>Custom instructions</source>
        <translation>自訂指示</translation>
    </message>
    <message>
        <source>Added to your first message in every chat (these models have no system prompt).</source>
        <translation>會加到每個對話的第一則訊息中（這些模型沒有系統提示詞）。</translation>
    </message>
    <message>
        <source>Show thinking</source>
        <translation>顯示思考過程</translation>
    </message>
    <message>
        <source>Expanded</source>
        <translation>展開</translation>
    </message>
    <message>
        <source>Collapsed</source>
        <translation>摺疊</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隱藏</translation>
    </message>
    <message>
        <source>How the model&apos;s reasoning appears above its answer.</source>
        <translation>模型的思考過程在回答上方如何顯示。</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考預算</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>After this many thinking tokens the model is asked to wrap up and answer.</source>
        <translation>思考達到這麼多 token 後，會要求模型結束思考並作答。</translation>
    </message>
    <message>
        <source>Send with</source>
        <translation>傳送鍵</translation>
    </message>
    <message>
        <source>Enter (Shift+Enter: new line)</source>
        <translation>Enter（Shift+Enter 換行）</translation>
    </message>
    <message>
        <source>Ctrl+Enter (Enter: new line)</source>
        <translation>Ctrl+Enter（Enter 換行）</translation>
    </message>
    <message>
        <source>Which key sends your question.</source>
        <translation>用哪個鍵傳送問題。</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>The chat history at {path} cannot be opened ({err}).</source>
        <translation>無法開啟位於 {path} 的對話紀錄（{err}）。</translation>
    </message>
    <message>
        <source>The chat history was saved by a newer version of ThinkDesk, so this version leaves it untouched.</source>
        <translation>對話紀錄由較新版本的 ThinkDesk 儲存，因此目前版本不會更動它。</translation>
    </message>
    <message>
        <source>The chat history at {path} is damaged and could not be copied aside ({err}).</source>
        <translation>位於 {path} 的對話紀錄已損毀，且無法另存副本（{err}）。</translation>
    </message>
    <message>
        <source>The chat history at {path} is damaged and could not be replaced ({err}); a copy was saved as {moved}.</source>
        <translation>位於 {path} 的對話紀錄已損毀且無法取代（{err}）；已將副本儲存為 {moved}。</translation>
    </message>
    <message>
        <source>The chat history file was damaged; it was moved to {moved} and a new one was started.</source>
        <translation>對話紀錄檔案已損毀；已將其移到 {moved}，並建立了新的紀錄檔。</translation>
    </message>
    <message>
        <source>{problem} Your saved chats can be read, but chats in this session will not be saved.</source>
        <translation>{problem}已儲存的對話仍可檢視，但本次執行期間的對話將不會被儲存。</translation>
    </message>
    <message>
        <source>{problem} Chats in this session will not be saved.</source>
        <translation>{problem}本次執行期間的對話將不會被儲存。</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Interrupted: ThinkDesk closed before this answer was finished.</source>
        <translation>已中斷：這則回答完成前 ThinkDesk 已關閉。</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>請稍候</translation>
    </message>
    <message>
        <source>Stop the answer being written, or let it finish, first.</source>
        <translation>請先停止正在產生的回答，或等它完成。</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>刪除訊息</translation>
    </message>
    <message>
        <source>Delete this message? The rest of the conversation stays.</source>
        <translation>刪除這則訊息？對話的其餘部分會保留。</translation>
    </message>
    <message>
        <source>Edit question</source>
        <translation>編輯問題</translation>
    </message>
    <message>
        <source>Change your question. The replies after it are replaced; the earlier version is kept: ‹ › under the question switches between them.</source>
        <translation>修改你的問題。它之後的回覆會被取代；先前的版本會保留：用問題下方的 ‹ › 在版本之間切換。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>匯出</translation>
    </message>
    <message>
        <source>There is no saved conversation yet.</source>
        <translation>還沒有已儲存的對話。</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>網頁 (*.html)</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>對話</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>匯出對話</translation>
    </message>
    <message>
        <source>Include the model&apos;s reasoning (thinking) in the export?</source>
        <translation>匯出時包含模型的思考過程嗎？</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>匯出失敗</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>無法寫入 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>HistoryService</name>
    <message>
        <source>This chat is not being saved to the history ({0}). Free up disk space or make the data folder writable; until then, copy what you want to keep.</source>
        <translation>此對話未能儲存到歷史記錄（{0}）。請釋放磁碟空間或讓資料夾可寫入；在此之前，請複製您想保留的內容。</translation>
    </message>
    <message>
        <source>The change could not be saved to the history ({0}).</source>
        <translation>此變更無法儲存到歷史記錄（{0}）。</translation>
    </message>
</context>
<context>
    <name>HubSearch</name>
    <message>
        <source>it did not answer within {seconds:g} s</source>
        <extracomment>Quantization names as they appear in GGUF file names (longest alternatives first).</extracomment>
        <translation>它在 {seconds:g} 秒內沒有回應</translation>
    </message>
    <message>
        <source>it refused access ({status})</source>
        <translation>它拒絕了存取（{status}）</translation>
    </message>
    <message>
        <source>it does not have that repository (404)</source>
        <translation>它沒有這個儲存庫（404）</translation>
    </message>
    <message>
        <source>it answered {status}</source>
        <translation>它回傳了 {status}</translation>
    </message>
    <message>
        <source>it could not be reached ({error})</source>
        <translation>無法連線到它（{error}）</translation>
    </message>
    <message>
        <source>the header could not be read ({error})</source>
        <extracomment>CatalogEntry.origin of a file found on a hub (the download worker probes these).</extracomment>
        <translation>無法讀取檔頭（{error}）</translation>
    </message>
    <message>
        <source>its header does not give the shape</source>
        <translation>它的檔頭沒有提供模型結構</translation>
    </message>
    <message>
        <source>Memory use unknown until the model&apos;s header has been read.</source>
        <translation>讀取模型檔頭之前，記憶體用量未知。</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so no hub was searched. Turn off &quot;Never connect to the network&quot; in Settings &gt; Network to search ModelScope and Hugging Face.</source>
        <translation>ThinkDesk 已設定為離線工作，因此沒有搜尋任何模型庫。請在「設定 &gt; 網路」中取消勾選「永不連線網路」，以搜尋 ModelScope 和 Hugging Face。</translation>
    </message>
    <message>
        <source>Type what to search for, e.g. R1 7B.</source>
        <translation>請輸入要搜尋的內容，例如 R1 7B。</translation>
    </message>
    <message>
        <source>{hub}: {problem}.</source>
        <translation>{hub}：{problem}。</translation>
    </message>
    <message>
        <source>No hub could be searched. {problems}</source>
        <translation>沒有可以搜尋的模型庫。{problems}</translation>
    </message>
    <message>
        <source>{spec} is not REPO:FILE, e.g. unsloth/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf</source>
        <translation>{spec} 不是 儲存庫:檔案 的格式，例如 unsloth/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf</translation>
    </message>
    <message>
        <source>{hub}: {repo} has no file {file}.</source>
        <translation>{hub}：{repo} 中沒有檔案 {file}。</translation>
    </message>
    <message>
        <source>{file} was not found. {problems}</source>
        <translation>找不到 {file}。{problems}</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>The import was cancelled.</source>
        <extracomment>progress(phase, done, total): phase is &quot;hashing&quot;, &quot;checking&quot; or &quot;copying&quot;</extracomment>
        <translation>匯入已取消。</translation>
    </message>
    <message>
        <source>{name} could not be read ({error}). If it is on a USB stick or a network folder, check that it is still connected, then try again.</source>
        <translation>無法讀取 {name}（{error}）。如果它在隨身碟或網路資料夾中，請確認仍已連線，然後重試。</translation>
    </message>
    <message>
        <source>{name} was not imported: {folder} could not be written ({error}). Check that the folder is not read-only and that the disk is not full.</source>
        <translation>{name} 未匯入：無法寫入 {folder}（{error}）。請確認該資料夾不是唯讀的，並且磁碟沒有滿。</translation>
    </message>
    <message>
        <source>Not enough free disk space to copy {name}: it needs {need:.2f} GB and {folder} has {free:.2f} GB free. Choose &quot;use where it is&quot; instead, or free space.</source>
        <translation>磁碟空間不足，無法複製 {name}：需要 {need:.2f} GB，而 {folder} 只有 {free:.2f} GB 可用。請改選「原位置使用」，或釋放一些空間。</translation>
    </message>
    <message>
        <source>{name} is being downloaded or imported right now (in this window or another ThinkDesk). Let that finish, then try again.</source>
        <translation>{name} 正在下載或匯入中（在此視窗或另一個 ThinkDesk 中）。請等它完成後再試一次。</translation>
    </message>
    <message>
        <source>{name} read back differently while it was copied; the disk or USB stick may be failing. Nothing was imported.</source>
        <translation>{name} 在複製過程中讀回的內容不一致；磁碟或隨身碟可能發生故障。沒有匯入任何內容。</translation>
    </message>
    <message>
        <source>Copying {name} failed: {error}</source>
        <translation>複製 {name} 失敗：{error}</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <source>Loading the model failed unexpectedly: {0}</source>
        <extracomment>The model thinks before answering (thinking pane, budget, wrap-up); a plain chat model&apos;s reply is all answer. Decided per model by core.engines.family. A server did not say whether its model thinks: a reply shows as thinking until it closes with ``&lt;/think&gt;``, and one that never marks a thinking is the answer (core.engines.remote_reasoning).</extracomment>
        <translation>載入模型時發生未預期的錯誤：{0}</translation>
    </message>
    <message>
        <source>No model is loaded. Open a model first.</source>
        <translation>尚未載入模型。請先開啟一個模型。</translation>
    </message>
    <message>
        <source>Generation failed unexpectedly: {error}</source>
        <translation>產生意外失敗：{error}</translation>
    </message>
</context>
<context>
    <name>LinkConfirmation</name>
    <message>
        <source>Open link</source>
        <translation>開啟連結</translation>
    </message>
    <message>
        <source>Open this web page in your browser?</source>
        <translation>要在瀏覽器中開啟這個網頁嗎？</translation>
    </message>
    <message>
        <source>{url}

ThinkDesk works offline; the page will load from the internet.</source>
        <translation>{url}

ThinkDesk 離線運作；該網頁將從網際網路載入。</translation>
    </message>
</context>
<context>
    <name>LinkRefusal</name>
    <message>
        <source>Link not opened</source>
        <translation>連結未開啟</translation>
    </message>
    <message>
        <source>ThinkDesk opens only web links (http and https). This link could start a program or open a file on this computer, so it was not opened.</source>
        <translation>ThinkDesk 只開啟網頁連結（http 和 https）。此連結可能會啟動程式或開啟這台電腦上的檔案，因此沒有開啟。</translation>
    </message>
</context>
<context>
    <name>LlamaInfo</name>
    <message>
        <source>baseline x86-64 (SSE2)</source>
        <extracomment>What each x86-64 variant of llama.cpp&apos;s CPU backend needs, in words for a support person.</extracomment>
        <translation>基礎 x86-64（SSE2）</translation>
    </message>
    <message>
        <source>AVX-512 BF16, tuned for Zen 4</source>
        <translation>AVX-512 BF16，為 Zen 4 最佳化</translation>
    </message>
    <message>
        <source>compiled for one CPU type</source>
        <translation>為一種 CPU 類型編譯</translation>
    </message>
</context>
<context>
    <name>LoadPanel</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop opening the model (Esc)</source>
        <translation>停止開啟模型（Esc）</translation>
    </message>
    <message>
        <source>Opening {name}</source>
        <translation>正在開啟 {name}</translation>
    </message>
    <message>
        <source>Checking the file safely in a separate process…</source>
        <translation>正在獨立處理程序中安全檢查檔案…</translation>
    </message>
    <message>
        <source>Loading {size} into memory…</source>
        <translation>正在將 {size} 載入記憶體…</translation>
    </message>
    <message>
        <source>{elapsed} s elapsed · about {total} s in all on this PC</source>
        <translation>已用 {elapsed} 秒 · 在這台電腦上總共約需 {total} 秒</translation>
    </message>
</context>
<context>
    <name>LongMessageGuard</name>
    <message>
        <source>Reloading the model with a context of {0:,} tokens. Your message stays in the box: press Send when the model is ready.</source>
        <translation>正在以 {0:,} 個 token 的上下文重新載入模型。你的訊息仍在輸入框中：模型就緒後按「傳送」。</translation>
    </message>
    <message>
        <source>counted with the model&apos;s tokenizer</source>
        <translation>由模型的分詞器計數</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>This message is {0:,} tokens long ({1}). The model&apos;s context holds {2:,} tokens and keeps {3:,} of them free for the answer, so a question can use about {4:,}.</source>
        <translation>這則訊息長 {0:,} 個 token（{1}）。模型的上下文可容納 {2:,} 個 token，其中 {3:,} 個留給回答，所以一個問題最多約可使用 {4:,} 個。</translation>
    </message>
    <message>
        <source>Raise the context to {0:,} tokens: the model reloads and needs more memory.</source>
        <translation>將上下文提高到 {0:,} 個 token：模型會重新載入，並需要更多記憶體。</translation>
    </message>
    <message>
        <source>Send anyway: the answer, thinking included, is then limited to {0:,} tokens.</source>
        <translation>仍然傳送：回答（含思考過程）將限制在 {0:,} 個 token 以內。</translation>
    </message>
    <message>
        <source>It is too long for this model. Shorten it or split it into parts.</source>
        <translation>這則訊息對這個模型來說太長了。請縮短，或拆成幾部分。</translation>
    </message>
    <message>
        <source>Long message</source>
        <translation>訊息過長</translation>
    </message>
    <message>
        <source>Raise the context to {0:,}</source>
        <translation>將上下文提高到 {0:,}</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然傳送</translation>
    </message>
    <message>
        <source>Edit the message</source>
        <translation>修改訊息</translation>
    </message>
</context>
<context>
    <name>LoopBanner</name>
    <message>
        <source>Wrap up and answer</source>
        <translation>結束思考並作答</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Keep thinking</source>
        <translation>繼續思考</translation>
    </message>
    <message>
        <source>The model seems to be repeating itself (&quot;{0}&quot;).</source>
        <translation>模型似乎在重複自己（「{0}」）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Chat history</source>
        <translation>對話紀錄</translation>
    </message>
    <message>
        <source>ThinkDesk is already running</source>
        <translation>ThinkDesk 已在執行</translation>
    </message>
    <message>
        <source>Another ThinkDesk window is using the data folder {0}, but it does not respond. Close it (or end it in the task manager), then start ThinkDesk again.</source>
        <translation>另一個 ThinkDesk 視窗正在使用資料夾 {0}，但沒有回應。請關閉它（或在工作管理員中結束它），然後重新啟動 ThinkDesk。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>檔案(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>開啟模型(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新對話(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>結束(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>匯出對話(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print conversation…</source>
        <translation>列印對話(&amp;P)…</translation>
    </message>
    <message>
        <source>Stop answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>檢視(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Classroom mode</source>
        <translation>課堂模式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>設定(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>說明(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;System information</source>
        <translation>系統資訊(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About ThinkDesk</source>
        <translation>關於 ThinkDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>開啟模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有檔案 (*)</translation>
    </message>
    <message>
        <source>Message not sent</source>
        <translation>訊息未傳送</translation>
    </message>
    <message>
        <source>Ready (opened in {0:.1f} s)</source>
        <translation>就緒（開啟用時 {0:.1f} 秒）</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>正在載入 {0}…</translation>
    </message>
    <message>
        <source>The model could not be opened</source>
        <translation>無法開啟模型</translation>
    </message>
    <message>
        <source>No model is open</source>
        <translation>尚未開啟模型</translation>
    </message>
    <message>
        <source>The model was not opened</source>
        <translation>模型未開啟</translation>
    </message>
    <message>
        <source>Model not opened</source>
        <translation>未開啟模型</translation>
    </message>
    <message>
        <source>{0} · server {1}</source>
        <translation>{0} · 伺服器 {1}</translation>
    </message>
    <message>
        <source>{0} · this computer · {1} threads · context {2:,}</source>
        <translation>{0} · 這台電腦 · {1} 個執行緒 · 上下文 {2:,}</translation>
    </message>
</context>
<context>
    <name>MemoryFit</name>
    <message>
        <source>the model</source>
        <extracomment>Below this many tokens of context an R1 model cannot think its way to an answer. What &quot;Auto&quot; aims for: room for a long thinking phase and the answer after it. When shrinking, the context steps down through multiples of this. The engine evaluates prompts in batches of this many tokens (EngineConfig.n_batch). Share of available RAM the automatic budget hands to the model, and RAM always left free.</extracomment>
        <translation>該模型</translation>
    </message>
    <message>
        <source>{name} does not say how many layers and attention heads it has, so its memory use cannot be estimated.</source>
        <translation>{name} 沒有說明它有多少層和注意力頭，因此無法估算其記憶體用量。</translation>
    </message>
    <message>
        <source>{name} fits: about {need} of the {budget} budget with a context of {n_ctx:,} tokens.</source>
        <translation>{name} 可以放下：上下文為 {n_ctx:,} 個 token 時，約佔 {budget} 預算中的 {need}。</translation>
    </message>
    <message>
        <source>The context was reduced from {target:,} to {n_ctx:,} tokens so that {name} fits the {budget} memory budget (about {need} needed).</source>
        <translation>為了讓 {name} 放進 {budget} 的記憶體預算，上下文已從 {target:,} 個 token 縮減到 {n_ctx:,} 個（約需 {need}）。</translation>
    </message>
    <message>
        <source>a bigger memory budget in Settings &gt; Performance</source>
        <translation>在「設定 &gt; 效能」中提高記憶體預算</translation>
    </message>
    <message>
        <source>the 1.5B model</source>
        <translation>1.5B 模型</translation>
    </message>
    <message>
        <source>a smaller quantization (Q4_K_M)</source>
        <translation>更小的量化版本（Q4_K_M）</translation>
    </message>
    <message>
        <source>{name} does not fit in the memory budget: even with the smallest usable context ({n_ctx:,} tokens) it needs about {need} ({weights} of weights, {kv} of conversation memory, {compute} of working buffers and {overhead} of overhead), but the budget is {budget}. Choose {choices} (closing other programs frees memory too).</source>
        <translation>{name} 超出了記憶體預算：即使使用最小可用上下文（{n_ctx:,} 個 token），也需要約 {need}（權重 {weights}、對話記憶 {kv}、工作緩衝區 {compute}、其他開銷 {overhead}），而預算只有 {budget}。請選擇{choices}（關閉其他程式也能釋放記憶體）。</translation>
    </message>
    <message>
        <source>{first}, or {rest}</source>
        <translation>{first}，或{rest}</translation>
    </message>
</context>
<context>
    <name>MessageActions</name>
    <message>
        <source>Copy</source>
        <extracomment>Actions offered under each kind of message, in display order. Actions that ask the model for an answer: off while no model is open.</extracomment>
        <translation>複製</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>複製這則訊息</translation>
    </message>
    <message>
        <source>Copy with reasoning</source>
        <translation>連同思考過程複製</translation>
    </message>
    <message>
        <source>Copy the model&apos;s reasoning and its answer</source>
        <translation>複製模型的思考過程與回答</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新產生</translation>
    </message>
    <message>
        <source>Ask again; this answer is kept</source>
        <translation>重新提問；目前的回答會保留</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編輯</translation>
    </message>
    <message>
        <source>Change this question and ask again</source>
        <translation>修改這個問題並重新提問</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>刪除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>刪除這則訊息</translation>
    </message>
    <message>
        <source>Open a model first: this asks the model again.</source>
        <translation>請先開啟模型：此操作需要模型重新作答。</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>{0:.1f} s to first token</source>
        <extracomment>pyside6-lupdate reads the bare ``translate(&quot;Context&quot;, &quot;text&quot;)`` spelling.</extracomment>
        <translation>首個 token 用時 {0:.1f} 秒</translation>
    </message>
    <message>
        <source>{0:.1f} tokens/s</source>
        <translation>{0:.1f} token/秒</translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation>{0} 個 token</translation>
    </message>
    <message>
        <source>cut off: the conversation filled the context</source>
        <translation>已截斷：對話已佔滿上下文</translation>
    </message>
    <message>
        <source>cut off at the longest-answer limit (Settings)</source>
        <translation>已截斷：達到最長回答限制（見設定）</translation>
    </message>
    <message>
        <source>thinking stopped: this server cannot continue it into an answer</source>
        <translation>思考已停止：此伺服器無法接著給出回答</translation>
    </message>
    <message>
        <source>answered by {0}</source>
        <translation>由 {0} 回答</translation>
    </message>
    <message>
        <source>answered on this computer</source>
        <translation>在這台電腦上回答</translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <source>exit code {code}</source>
        <translation>結束代碼 {code}</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>訊號 {number}</translation>
    </message>
    <message>
        <source>Could not start the model check: {error}</source>
        <translation>無法啟動模型檢查：{error}</translation>
    </message>
    <message>
        <source>The model check was cancelled.</source>
        <translation>模型檢查已取消。</translation>
    </message>
    <message>
        <source>Test-loading &apos;{name}&apos; took longer than {seconds:.0f} s, so ThinkDesk did not load it. The disk may be very slow or the file damaged.</source>
        <translation>試載入「{name}」用時超過 {seconds:.0f} 秒，因此 ThinkDesk 沒有載入它。可能是磁碟太慢或檔案已損毀。</translation>
    </message>
    <message>
        <source>llama.cpp crashed while test-loading &apos;{name}&apos; ({exit}). The file is damaged or was made by an incompatible converter; ThinkDesk did not load it.</source>
        <translation>llama.cpp 在試載入「{name}」時當機（{exit}）。檔案已損毀，或由不相容的轉換工具產生；ThinkDesk 沒有載入它。</translation>
    </message>
    <message>
        <source>llama.cpp could not load &apos;{name}&apos;; ThinkDesk did not load it.</source>
        <translation>llama.cpp 無法載入「{name}」；ThinkDesk 沒有載入它。</translation>
    </message>
    <message>
        <source>{message} Details: {detail}</source>
        <translation>{message} 詳細資訊：{detail}</translation>
    </message>
</context>
<context>
    <name>ModelManager</name>
    <message>
        <source>unknown</source>
        <extracomment>The module&apos;s own words; pyside6-lupdate reads the bare ``translate(&quot;Context&quot;, &quot;text&quot;)``.</extracomment>
        <translation>未知</translation>
    </message>
    <message>
        <source>Good fit</source>
        <translation>合適</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>勉強</translation>
    </message>
    <message>
        <source>Too slow here</source>
        <translation>在此電腦上太慢</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>過大</translation>
    </message>
    <message>
        <source>Recommended for this PC</source>
        <translation>推薦這台電腦使用</translation>
    </message>
    <message>
        <source>%1 GB</source>
        <translation>%1 GB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB/s</source>
        <translation>%1 MB/秒</translation>
    </message>
    <message>
        <source>%1 KB/s</source>
        <translation>%1 KB/秒</translation>
    </message>
    <message>
        <source>less than a minute left</source>
        <translation>剩餘不到 1 分鐘</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>剩餘 %1 分鐘</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>剩餘 %1 小時 %2 分鐘</translation>
    </message>
    <message>
        <source>Checking the part downloaded earlier… %1</source>
        <translation>正在檢查先前已下載的部分… %1</translation>
    </message>
    <message>
        <source>Computing the checksum… %1 of %2</source>
        <translation>正在計算總和檢查碼… %1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Remove %1 from ThinkDesk? The file stays where it is:
%2</source>
        <translation>從 ThinkDesk 中移除 %1？檔案會保留在原位置：
%2</translation>
    </message>
    <message>
        <source>Delete %1? Its file (%3) will be deleted from this PC:
%2</source>
        <translation>刪除 %1？它的檔案（%3）將從這台電腦上刪除：
%2</translation>
    </message>
    <message>
        <source>Copy the model into ThinkDesk&apos;s models folder, or use it where it is? Choose &quot;Copy&quot; for a USB stick you will unplug.</source>
        <translation>要將模型複製到 ThinkDesk 的模型資料夾，還是在原位置直接使用？如果之後要拔除隨身碟，請選擇「複製」。</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>匯入模型</translation>
    </message>
    <message>
        <source>No .gguf model files were found in %1.</source>
        <translation>在 %1 中沒有找到 .gguf 模型檔案。</translation>
    </message>
    <message>
        <source>Model files with a sound header: %1 (%2).</source>
        <translation>檔頭完好的模型檔案：%1 個（%2）。</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>已略過：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Use where it is</source>
        <translation>原位置使用</translation>
    </message>
    <message>
        <source>HF mirror</source>
        <translation>HF 鏡像站</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>鏡像站</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>匯入</translation>
    </message>
    <message>
        <source>Matches the catalog&apos;s sha256 checksum.</source>
        <translation>與目錄中的 sha256 校驗和一致。</translation>
    </message>
    <message>
        <source>Checked (not in the catalog)</source>
        <translation>已檢查（不在目錄中）</translation>
    </message>
    <message>
        <source>Not a catalog file, so there is no published checksum to compare. ThinkDesk checked its structure and test-loaded it before adding it.</source>
        <translation>這不是目錄中的檔案，所以沒有公布的校驗和可供比對。ThinkDesk 在加入前檢查了它的結構，並試載入過。</translation>
    </message>
    <message>
        <source>  (file missing)</source>
        <translation>  （檔案遺失）</translation>
    </message>
    <message>
        <source>Used where it is</source>
        <translation>在原位置使用</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>The extra catalog could not be read: %1</source>
        <translation>無法讀取額外的模型目錄：%1</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so downloads are off. Import a model file instead (for example from a USB stick).</source>
        <translation>ThinkDesk 已設為離線工作，下載已關閉。請改為匯入模型檔案（例如從隨身碟）。</translation>
    </message>
    <message>
        <source>No model is installed yet. For this PC (%1 of memory) we recommend %2: select it and press Download.</source>
        <translation>還沒有安裝模型。依這台電腦的配置（%1 記憶體），建議使用 %2：選取它，然後按「下載」。</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排隊中</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>下載中…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安裝</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暫停</translation>
    </message>
    <message>
        <source>Partly downloaded</source>
        <translation>已下載部分</translation>
    </message>
</context>
<context>
    <name>ModelManagerDialog</name>
    <message>
        <source>Models</source>
        <translation>模型</translation>
    </message>
</context>
<context>
    <name>ModelManagerWidget</name>
    <message>
        <source>Download a model</source>
        <translation>下載模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>授權條款</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>下載來源</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>本機適配</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>狀態</translation>
    </message>
    <message>
        <source>Download source</source>
        <translation>下載來源</translation>
    </message>
    <message>
        <source>Memory use</source>
        <translation>記憶體佔用</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下載</translation>
    </message>
    <message>
        <source>Download from:</source>
        <translation>下載來源：</translation>
    </message>
    <message>
        <source>Downloads and imports</source>
        <translation>下載與匯入</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>已安裝的模型</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>佔用空間</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>來源</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已驗證</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>預設</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Set as default</source>
        <translation>設為預設</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>開啟資料夾</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>刪除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>匯入…</translation>
    </message>
    <message>
        <source>Model files…</source>
        <translation>模型檔案…</translation>
    </message>
    <message>
        <source>A folder (e.g. a USB stick)…</source>
        <translation>資料夾（例如隨身碟）…</translation>
    </message>
    <message>
        <source>Tip: drop .gguf files or a folder here to import them.</source>
        <translation>提示：把 .gguf 檔案或資料夾拖到這裡即可匯入。</translation>
    </message>
    <message>
        <source>Download it anyway (for another PC)?</source>
        <translation>仍要下載嗎（給另一台電腦用）？</translation>
    </message>
    <message>
        <source>Model too big for this PC</source>
        <translation>模型對這台電腦來說太大</translation>
    </message>
    <message>
        <source>Import model files</source>
        <translation>匯入模型檔案</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Import every model in a folder</source>
        <translation>匯入資料夾中的所有模型</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>刪除模型</translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <source>{0} was not opened. {1} {2} stays open.</source>
        <extracomment>The budget when RAM cannot be measured: the fit then only picks the context.</extracomment>
        <translation>未開啟 {0}。{1} {2} 仍保持開啟，可以繼續使用。</translation>
    </message>
    <message>
        <source>{0} was closed first and is not open any more.</source>
        <translation>{0} 已先被關閉，現在沒有開啟。</translation>
    </message>
    <message>
        <source>{0} is not there any more, so the new settings cannot be applied.</source>
        <translation>{0} 已不在原處，因此無法套用新的設定。</translation>
    </message>
    <message>
        <source>{0} The model stays loaded as it was.</source>
        <translation>{0} 模型維持原本的載入狀態。</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Offline mode</source>
        <translation>離線模式</translation>
    </message>
    <message>
        <source>Never connect to the network</source>
        <translation>永不連線網路</translation>
    </message>
    <message>
        <source>Blocks every download. Models can still be imported from a file or USB stick.</source>
        <translation>封鎖所有下載。仍可從檔案或隨身碟匯入模型。</translation>
    </message>
    <message>
        <source>Download from</source>
        <translation>下載來源</translation>
    </message>
    <message>
        <source>ModelScope and the mirror are fast in mainland China; Auto fails over.</source>
        <translation>在中國大陸，ModelScope 和鏡像站速度較快；「自動」會在失敗時切換來源。</translation>
    </message>
    <message>
        <source>ModelScope address</source>
        <translation>ModelScope 網址</translation>
    </message>
    <message>
        <source>Default: https://www.modelscope.cn</source>
        <translation>預設：https://www.modelscope.cn</translation>
    </message>
    <message>
        <source>Mirror address</source>
        <translation>鏡像站網址</translation>
    </message>
    <message>
        <source>Default: https://hf-mirror.com</source>
        <translation>預設：https://hf-mirror.com</translation>
    </message>
    <message>
        <source>Hugging Face address</source>
        <translation>Hugging Face 網址</translation>
    </message>
    <message>
        <source>Default: https://huggingface.co; a company mirror works too.</source>
        <translation>預設：https://huggingface.co；也可以使用公司內部鏡像站。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>無</translation>
    </message>
    <message>
        <source>Extra catalog file</source>
        <translation>額外模型目錄檔案</translation>
    </message>
    <message>
        <source>A JSON file from your IT department listing more models or a company mirror.</source>
        <translation>IT 部門提供的 JSON 檔案，列出更多模型或公司內部鏡像站。</translation>
    </message>
</context>
<context>
    <name>NoModelBar</name>
    <message>
        <source>You can read this conversation; open a model to continue it.</source>
        <translation>你可以閱讀這段對話；開啟模型後即可繼續。</translation>
    </message>
    <message>
        <source>Open a model…</source>
        <translation>開啟模型…</translation>
    </message>
</context>
<context>
    <name>PerformancePage</name>
    <message>
        <source>Threads for answers</source>
        <translation>產生執行緒數</translation>
    </message>
    <message>
        <source>Auto ({0} physical cores)</source>
        <translation>自動（{0} 個實體核心）</translation>
    </message>
    <message>
        <source>CPU threads used while the answer is written. The number of physical cores is usually fastest; more can be slower.</source>
        <translation>產生回答時使用的 CPU 執行緒數。通常與實體核心數相同時最快，更多反而可能變慢。</translation>
    </message>
    <message>
        <source>Threads for reading</source>
        <translation>讀取執行緒數</translation>
    </message>
    <message>
        <source>Same as for answers</source>
        <translation>與產生相同</translation>
    </message>
    <message>
        <source>CPU threads used to read your question and the conversation before answering.</source>
        <translation>回答前讀取問題與對話內容時使用的 CPU 執行緒數。</translation>
    </message>
    <message>
        <source>Memory budget</source>
        <translation>記憶體預算</translation>
    </message>
    <message>
        <source>Auto ({0:.1f} GB)</source>
        <translation>自動（{0:.1f} GB）</translation>
    </message>
    <message>
        <source>The most memory the model may use. Auto takes a safe share of the memory that is free now, so the computer never has to swap.</source>
        <translation>模型最多可使用的記憶體。「自動」只取目前可用記憶體中安全的一部分，避免電腦使用置換空間。</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文長度</translation>
    </message>
    <message>
        <source>Automatic (as long as the memory budget allows)</source>
        <translation>自動（在記憶體預算允許的範圍內盡量長）</translation>
    </message>
    <message>
        <source>How much of the conversation the model can see at once, in tokens. Long reasoning needs a long context; each token costs memory.</source>
        <translation>模型一次能看到多少對話內容（以 token 計）。較長的推理需要較長的上下文，而每個 token 都會佔用記憶體。</translation>
    </message>
    <message>
        <source>Fixed context</source>
        <translation>固定上下文</translation>
    </message>
    <message>
        <source>Used when Automatic is off.</source>
        <translation>關閉「自動」時使用。</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 個 token</translation>
    </message>
    <message>
        <source>Keep in memory</source>
        <translation>常駐記憶體</translation>
    </message>
    <message>
        <source>Lock the model in RAM (mlock)</source>
        <translation>將模型鎖定在記憶體中（mlock）</translation>
    </message>
    <message>
        <source>Stops the system from moving the model to disk, at the cost of that RAM.</source>
        <translation>防止系統把模型置換到磁碟，代價是這部分記憶體會一直被佔用。</translation>
    </message>
    <message>
        <source>This PC has {0:.1f} GB of RAM, {1:.1f} GB free now. Open a model to see how it fits.</source>
        <translation>這台電腦有 {0:.1f} GB 記憶體，目前可用 {1:.1f} GB。開啟一個模型即可查看它是否合適。</translation>
    </message>
    <message>
        <source>⚠ This system lets a program lock only {0}, less than the model needs, so locking will fail. Raise the limit (ulimit -l) or leave this off.</source>
        <translation>⚠ 此系統只允許程式鎖定 {0} 記憶體，少於模型所需，因此鎖定會失敗。請提高限制（ulimit -l）或關閉此選項。</translation>
    </message>
    <message>
        <source>Model weights</source>
        <translation>模型權重</translation>
    </message>
    <message>
        <source>Conversation memory ({0:,} tokens)</source>
        <translation>對話記憶（{0:,} 個 token）</translation>
    </message>
    <message>
        <source>Working buffers</source>
        <translation>工作緩衝區</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>其他開銷</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合計</translation>
    </message>
    <message>
        <source>Does not fit in {0:.1f} GB even with {1:,} tokens of context. Choose a smaller model or quantization, or a bigger budget.</source>
        <translation>即使上下文只有 {1:,} 個 token，也無法放進 {0:.1f} GB。請選擇更小的模型或量化版本，或提高預算。</translation>
    </message>
    <message>
        <source>Fits in {0:.1f} GB with the context reduced from {1:,} to {2:,} tokens.</source>
        <translation>將上下文從 {1:,} 個 token 縮減到 {2:,} 個後，可放進 {0:.1f} GB。</translation>
    </message>
    <message>
        <source>Fits in {0:.1f} GB.</source>
        <translation>可放進 {0:.1f} GB。</translation>
    </message>
</context>
<context>
    <name>Remote</name>
    <message>
        <source>ThinkDesk is set to work offline, so it only uses servers on this computer or the local network, and {host} is not one. Turn off Offline mode in Settings &gt; Network to use it.</source>
        <translation>ThinkDesk 已設為離線工作，只使用這台電腦或區域網路中的伺服器，而 {host} 不在其中。要使用它，請在「設定 &gt; 網路」中關閉離線模式。</translation>
    </message>
    <message>
        <source>The server {host} is not ready yet (it may be loading its model); trying again in {seconds:g} s…</source>
        <translation>伺服器 {host} 尚未就緒（可能正在載入模型）；{seconds:g} 秒後重試…</translation>
    </message>
    <message>
        <source>{url} does not look like an OpenAI-compatible server: its model list could not be read.</source>
        <translation>{url} 看起來不是 OpenAI 相容的伺服器：無法讀取其模型清單。</translation>
    </message>
    <message>
        <source>The server {host} has no model named &apos;{model}&apos;. It offers: {models}.</source>
        <translation>伺服器 {host} 沒有名為「{model}」的模型。它提供：{models}。</translation>
    </message>
    <message>
        <source>The server {host} offers no model.</source>
        <translation>伺服器 {host} 沒有提供任何模型。</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed ({detail}). Check whether the address should start with http:// or https://, and the server&apos;s certificate.</source>
        <translation>與 {host} 的安全連線失敗（{detail}）。請檢查位址應以 http:// 還是 https:// 開頭，以及伺服器的憑證。</translation>
    </message>
    <message>
        <source>The server {host} did not answer within {seconds:g} s.</source>
        <translation>伺服器 {host} 在 {seconds:g} 秒內沒有回應。</translation>
    </message>
    <message>
        <source>The server {host} sent nothing for {seconds:g} s, so ThinkDesk gave up. What arrived is kept.</source>
        <translation>伺服器 {host} 已有 {seconds:g} 秒沒有傳送任何內容，ThinkDesk 已放棄等待。已收到的內容會保留。</translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}. Check the address and that the server is running. ({detail})</source>
        <translation>無法連線到 {url} 的伺服器。請檢查位址，並確認伺服器正在執行。（{detail}）</translation>
    </message>
    <message>
        <source>The request to {host} failed: {detail}</source>
        <translation>對 {host} 的請求失敗：{detail}</translation>
    </message>
    <message>
        <source>The server {host} refused the request (HTTP {status}): the API key is missing or wrong. Check it in Settings &gt; Engine.</source>
        <translation>伺服器 {host} 拒絕了請求（HTTP {status}）：API 金鑰缺少或錯誤。請在「設定 &gt; 引擎」中檢查。</translation>
    </message>
    <message>
        <source>The server {host} has no model named &apos;{model}&apos;.</source>
        <translation>伺服器 {host} 沒有名為「{model}」的模型。</translation>
    </message>
    <message>
        <source>The server {host} is busy with other requests (HTTP 429). Try again in a moment.</source>
        <translation>伺服器 {host} 正忙於處理其他請求（HTTP 429）。請稍後再試。</translation>
    </message>
    <message>
        <source>The server {host} is still not ready (HTTP 503: it may be loading its model). Try again later.</source>
        <translation>伺服器 {host} 仍未就緒（HTTP 503：可能正在載入模型）。請稍後再試。</translation>
    </message>
    <message>
        <source>The server {host} answered with an error (HTTP {status}): {detail}</source>
        <translation>伺服器 {host} 回傳了錯誤（HTTP {status}）：{detail}</translation>
    </message>
    <message>
        <source>The server sent something ThinkDesk cannot read ({detail}), so the answer stops here. What arrived is kept.</source>
        <extracomment>How often the watcher looks at Stop / Wrap up while a read may be blocked.</extracomment>
        <translation>伺服器傳送了 ThinkDesk 無法讀取的內容（{detail}），回答到此為止。已收到的內容會保留。</translation>
    </message>
    <message>
        <source>The connection to the server dropped in the middle of the answer. What arrived is kept.</source>
        <translation>回答途中與伺服器的連線中斷了。已收到的內容會保留。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>效能</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>產生</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外觀</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>網路</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>共用</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <extracomment>setting key -&gt; its editor, across all pages (what tests and callers drive).</extracomment>
        <translation>還原預設值</translation>
    </message>
    <message>
        <source>{0}: “{1}” is not a web address like https://example.com.</source>
        <translation>{0}：「{1}」不是有效的網址（例如 https://example.com）。</translation>
    </message>
    <message>
        <source>{0}: use Auto or at least 0.5 GB, up to the installed RAM.</source>
        <translation>{0}：請選擇「自動」，或填寫 0.5 GB 到已安裝記憶體之間的值。</translation>
    </message>
    <message>
        <source>{0}: use the system size or 6 to 72 points.</source>
        <translation>{0}：請使用系統大小，或 6 到 72 點。</translation>
    </message>
    <message>
        <source>{0}: this value is not allowed.</source>
        <translation>{0}：不允許使用此值。</translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <source>Sharing</source>
        <translation>共用</translation>
    </message>
    <message>
        <source>Share this model on the network</source>
        <translation>在網路上共用此模型</translation>
    </message>
    <message>
        <source>Other programs and colleagues&apos; ThinkDesk can use the open model through an OpenAI-compatible address. Answers queue: one at a time.</source>
        <translation>其他程式和同事的 ThinkDesk 可以透過相容 OpenAI 的位址使用目前開啟的模型。回答依序排隊，一次一個。</translation>
    </message>
    <message>
        <source>Who can connect</source>
        <translation>誰可以連線</translation>
    </message>
    <message>
        <source>Other computers on this network</source>
        <translation>此網路上的其他電腦</translation>
    </message>
    <message>
        <source>Off: only programs on this PC. On: anyone who can reach this PC.</source>
        <translation>關閉：僅限本機上的程式。開啟：任何能連到本機的人。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>連接埠</translation>
    </message>
    <message>
        <source>Default: 8080. Change it if another program uses that port.</source>
        <translation>預設：8080。如果其他程式佔用了該連接埠，請更改。</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>無金鑰</translation>
    </message>
    <message>
        <source>Access key</source>
        <translation>存取金鑰</translation>
    </message>
    <message>
        <source>Colleagues enter this key in their program. Recommended on a network.</source>
        <translation>同事在他們的程式中輸入此金鑰。在網路上共用時建議設定。</translation>
    </message>
    <message>
        <source>Make a new key</source>
        <translation>產生新金鑰</translation>
    </message>
    <message>
        <source>Address to give</source>
        <translation>提供給同事的位址</translation>
    </message>
    <message>
        <source>Sharing is off.</source>
        <translation>共用已關閉。</translation>
    </message>
    <message>
        <source>Share without a key?</source>
        <translation>不設金鑰就共用？</translation>
    </message>
    <message>
        <source>Anyone who can reach this PC on the network will be able to use the model (not your chats). Share without an access key?</source>
        <translation>網路上任何能連到本機的人都可以使用此模型（但看不到您的聊天）。不設存取金鑰就共用嗎？</translation>
    </message>
</context>
<context>
    <name>SharingService</name>
    <message>
        <source>Sharing could not start: port {0} is in use or not allowed. Choose another port in Settings.</source>
        <translation>無法開始共用：連接埠 {0} 已被佔用或不允許使用。請在設定中選擇其他連接埠。</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>Auto (try each source in turn)</source>
        <translation>自動（依序嘗試各個來源）</translation>
    </message>
    <message>
        <source>Hugging Face mirror</source>
        <translation>Hugging Face 鏡像</translation>
    </message>
</context>
<context>
    <name>StarterPanel</name>
    <message>
        <source>What shall we work out?</source>
        <translation>今天想解決什麼問題？</translation>
    </message>
    <message>
        <source>Ask anything below, or try one of these:</source>
        <translation>在下方輸入任何問題，或者試試這些：</translation>
    </message>
    <message>
        <source>Chickens and rabbits share a cage: 35 heads and 94 feet in all. How many of each are there?</source>
        <translation>雞兔同籠：共有35個頭，94隻腳，雞和兔各有幾隻？</translation>
    </message>
    <message>
        <source>If today is Wednesday, what day of the week will it be in 100 days?</source>
        <translation>如果今天是星期三，100天後是星期幾？</translation>
    </message>
    <message>
        <source>Prove that the square of any odd number, minus 1, is divisible by 8.</source>
        <translation>證明：任何奇數的平方減1都能被8整除。</translation>
    </message>
    <message>
        <source>Write a Python function that checks whether a string is a palindrome, ignoring case and punctuation.</source>
        <translation>寫一個 Python 函式，判斷一個字串是否為回文（忽略大小寫和標點）。</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>關閉提示</translation>
    </message>
</context>
<context>
    <name>StreamPresenter</name>
    <message>
        <source>Thinking…</source>
        <extracomment>&quot;expanded&quot;, &quot;collapsed&quot; or &quot;hidden&quot;: how new answers show their thinking.</extracomment>
        <translation>思考中…</translation>
    </message>
    <message>
        <source>Answering…</source>
        <translation>回答中…</translation>
    </message>
    <message>
        <source>Thinking… {0} tokens · {1:.1f} tokens/s</source>
        <translation>思考中… {0} 個 token · {1:.1f} token/秒</translation>
    </message>
    <message>
        <source>Answering… {0} tokens · {1:.1f} tokens/s</source>
        <translation>回答中… {0} 個 token · {1:.1f} token/秒</translation>
    </message>
</context>
<context>
    <name>SystemDialog</name>
    <message>
        <source>System</source>
        <translation>系統</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>這台電腦</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{0} (free space unknown)</source>
        <translation>{0}（可用空間未知）</translation>
    </message>
    <message>
        <source>{0} free in {1}</source>
        <translation>{1} 中可用 {0}</translation>
    </message>
    <message>
        <source>unlimited</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>Processor</source>
        <translation>處理器</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>{0} physical, {1} logical</source>
        <translation>{0} 個實體核心，{1} 個邏輯核心</translation>
    </message>
    <message>
        <source>Instruction sets</source>
        <translation>指令集</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>記憶體</translation>
    </message>
    <message>
        <source>{0} installed, {1} free now</source>
        <translation>已安裝 {0}，目前可用 {1}</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>模型資料夾</translation>
    </message>
    <message>
        <source>Lockable memory</source>
        <translation>可鎖定記憶體</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>作業系統</translation>
    </message>
    <message>
        <source>llama.cpp uses</source>
        <translation>llama.cpp 使用</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>無法使用</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>建議</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>comfortable</source>
        <translation>流暢</translation>
    </message>
    <message>
        <source>usable</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>slow</source>
        <translation>慢</translation>
    </message>
    <message>
        <source>Expected speed: {0}, about {1:g}–{2:g} tokens per second.</source>
        <translation>預計速度：{0}，每秒約 {1:g}–{2:g} 個 token。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>複製報告</translation>
    </message>
    <message>
        <source>With {0} GB of RAM and {1} cores the 7B model fits and reasons noticeably better than the 1.5B.</source>
        <translation>這台電腦有 {0} GB 記憶體和 {1} 個核心，可以執行 7B 模型，它的推理能力明顯優於 1.5B。</translation>
    </message>
    <message>
        <source>The 7B model would fit in {0} GB of RAM, but with {1} cores it would answer very slowly; the 1.5B is the practical choice.</source>
        <translation>7B 模型可以放進 {0} GB 記憶體，但只有 {1} 個核心時回答會非常慢；1.5B 是更實用的選擇。</translation>
    </message>
    <message>
        <source>With {0} GB of RAM the 1.5B model leaves room for your other programs; the 7B model needs 12 GB or more.</source>
        <translation>在 {0} GB 記憶體下，1.5B 模型能為其他程式保留空間；7B 模型需要 12 GB 以上記憶體。</translation>
    </message>
    <message>
        <source>This processor lacks AVX2, so expect about a third of the speed.</source>
        <translation>此處理器不支援 AVX2，速度大約只有正常的三分之一。</translation>
    </message>
</context>
<context>
    <name>UserMessageView</name>
    <message>
        <source>Your message</source>
        <translation>你的訊息</translation>
    </message>
</context>
</TS>
