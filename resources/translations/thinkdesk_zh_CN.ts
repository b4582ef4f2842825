<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About ThinkDesk</source>
        <translation>关于 ThinkDesk</translation>
    </message>
    <message>
        <source>Licences</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>llama.cpp</source>
        <translation>llama.cpp</translation>
    </message>
    <message>
        <source>Copy details</source>
        <translation>复制详细信息</translation>
    </message>
    <message>
        <source>Copy the version and llama.cpp build for a support request</source>
        <translation>复制版本号和 llama.cpp 构建信息，用于寻求技术支持</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Offline chat with DeepSeek-R1 distilled reasoning models, on your computer&apos;s processor. Nothing leaves this computer unless you ask for a download.</source>
        <translation>在本机处理器上与 DeepSeek-R1 蒸馏推理模型离线对话。除非你主动下载，任何数据都不会离开这台电脑。</translation>
    </message>
    <message>
        <source>not installed</source>
        <translation>未安装</translation>
    </message>
    <message>
        <source>llama-cpp-python %1</source>
        <translation>llama-cpp-python %1</translation>
    </message>
    <message>
        <source>llama-cpp-python %1 · CPU backend: %2</source>
        <translation>llama-cpp-python %1 · CPU 后端：%2</translation>
    </message>
    <message>
        <source>built-in</source>
        <translation>内置</translation>
    </message>
    <message>
        <source>Component</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>版本</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Runtime and libraries</source>
        <translation>运行时和库</translation>
    </message>
    <message>
        <source>Python packages</source>
        <translation>Python 包</translation>
    </message>
    <message>
        <source>Fonts</source>
        <translation>字体</translation>
    </message>
    <message>
        <source>Models (not included; downloaded or imported by you)</source>
        <translation>模型（不随软件附带，由你下载或导入）</translation>
    </message>
    <message>
        <source>Select a component to read its licence.</source>
        <translation>选择一个组件以查看其许可证。</translation>
    </message>
    <message>
        <source>The licence text %1 is missing from this installation.</source>
        <translation>此安装中缺少许可证文本 %1。</translation>
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
        <translation>正在使用的 CPU 后端：</translation>
    </message>
    <message>
        <source>CPU backends shipped:</source>
        <translation>附带的 CPU 后端：</translation>
    </message>
    <message>
        <source>The fastest backend this processor supports is chosen at start-up.</source>
        <translation>启动时会自动选择此处理器支持的最快后端。</translation>
    </message>
    <message>
        <source>This build has one CPU backend, built for a particular processor.</source>
        <translation>此版本只有一个 CPU 后端，针对特定处理器构建。</translation>
    </message>
    <message>
        <source>Backends:</source>
        <translation>后端：</translation>
    </message>
    <message>
        <source>CPU features used:</source>
        <translation>使用的 CPU 特性：</translation>
    </message>
    <message>
        <source>Problem:</source>
        <translation>问题：</translation>
    </message>
</context>
<context>
    <name>AnswerView</name>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>已复制</translation>
    </message>
</context>
<context>
    <name>AppearancePage</name>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>The language of menus and messages; applies the next time ThinkDesk starts.</source>
        <translation>菜单和提示信息使用的语言；下次启动 ThinkDesk 时生效。</translation>
    </message>
    <message>
        <source>Font size</source>
        <translation>字号</translation>
    </message>
    <message>
        <source>System size</source>
        <translation>系统字号</translation>
    </message>
    <message>
        <source>Text size in points; bigger sizes read well on a projector.</source>
        <translation>文字大小（磅）；在投影仪上用大字号更易阅读。</translation>
    </message>
    <message>
        <source> pt</source>
        <translation> 磅</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Follow the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Light or dark colours.</source>
        <translation>浅色或深色配色。</translation>
    </message>
</context>
<context>
    <name>AssistantMessageView</name>
    <message>
        <source>Assistant message</source>
        <translation>助手消息</translation>
    </message>
    <message>
        <source>Error: {message}</source>
        <translation>错误：{message}</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The model did not finish thinking; no answer was given.</source>
        <translation>模型没有完成思考，因此没有给出回答。</translation>
    </message>
    <message>
        <source>The model returned an empty response.</source>
        <translation>模型返回了空回复。</translation>
    </message>
    <message>
        <source>{n} tokens · {rate:.1f} tokens/s</source>
        <translation>{n} 个 token · {rate:.1f} token/秒</translation>
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
        <translation>上一个版本</translation>
    </message>
    <message>
        <source>Show the earlier version</source>
        <translation>显示上一个版本</translation>
    </message>
    <message>
        <source>Later version</source>
        <translation>下一个版本</translation>
    </message>
    <message>
        <source>Show the later version</source>
        <translation>显示下一个版本</translation>
    </message>
    <message>
        <source>Version %1 of %2</source>
        <translation>第 %1 个版本，共 %2 个</translation>
    </message>
</context>
<context>
    <name>Catalog</name>
    <message>
        <source>This model needs about {need:.1f} GB of memory, but at most {budget:.1f} GB of this PC&apos;s {have:.1f} GB can go to it. Choose a smaller model.</source>
        <extracomment>Fallback when desktop.core.models.memory_fit is unavailable: compute buffers plus the app itself. The context the fit verdict assumes: memory_fit&apos;s floor, below which R1 cannot think.</extracomment>
        <translation>这个模型大约需要 {need:.1f} GB 内存，但这台电脑的 {have:.1f} GB 中最多只能分给它 {budget:.1f} GB。请选择更小的模型。</translation>
    </message>
    <message>
        <source>This model needs about {need:.1f} GB of memory; this PC has {have:.1f} GB. It will run, but close other programs ({recommended:.0f} GB or more is recommended).</source>
        <translation>这个模型大约需要 {need:.1f} GB 内存，这台电脑有 {have:.1f} GB。可以运行，但请关闭其他程序（建议 {recommended:.0f} GB 或以上）。</translation>
    </message>
    <message>
        <source>Fits this PC: about {need:.1f} GB of {have:.1f} GB.</source>
        <translation>适合这台电脑：约占 {have:.1f} GB 中的 {need:.1f} GB。</translation>
    </message>
    <message>
        <source>{where}: {problem}</source>
        <translation>{where}：{problem}</translation>
    </message>
    <message>
        <source>text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>整数</translation>
    </message>
    <message>
        <source>a number</source>
        <translation>数字</translation>
    </message>
    <message>
        <source>an object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>a list</source>
        <translation>列表</translation>
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
        <translation>只允许 &apos;repo&apos; 和 &apos;revision&apos;</translation>
    </message>
    <message>
        <source>&apos;repo&apos; must look like &apos;owner/name&apos;</source>
        <translation>&apos;repo&apos; 的格式必须是 &apos;owner/name&apos;</translation>
    </message>
    <message>
        <source>&apos;revision&apos; must be a branch name or commit id</source>
        <translation>&apos;revision&apos; 必须是分支名或提交 ID</translation>
    </message>
    <message>
        <source>each model must be a JSON object</source>
        <translation>每个模型都必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>unknown field(s) {fields}; check the spelling</source>
        <translation>未知字段 {fields}；请检查拼写</translation>
    </message>
    <message>
        <source>the field &apos;{key}&apos; is missing</source>
        <translation>缺少字段 &apos;{key}&apos;</translation>
    </message>
    <message>
        <source>&apos;{key}&apos; must be {kind}, not {value}</source>
        <translation>&apos;{key}&apos; 必须是{kind}，而不是 {value}</translation>
    </message>
    <message>
        <source>{where} ({id})</source>
        <translation>{where}（{id}）</translation>
    </message>
    <message>
        <source>&apos;id&apos; may use only lower-case letters, digits, &apos;.&apos;, &apos;_&apos; and &apos;-&apos;</source>
        <translation>&apos;id&apos; 只能使用小写字母、数字、&apos;.&apos;、&apos;_&apos; 和 &apos;-&apos;</translation>
    </message>
    <message>
        <source>&apos;file&apos; must be a plain file name ending in .gguf (no folders)</source>
        <translation>&apos;file&apos; 必须是以 .gguf 结尾的纯文件名（不含文件夹）</translation>
    </message>
    <message>
        <source>&apos;sha256&apos; must be 64 lower-case hexadecimal characters</source>
        <translation>&apos;sha256&apos; 必须是 64 个小写十六进制字符</translation>
    </message>
    <message>
        <source>&apos;size&apos; must be a positive number of bytes</source>
        <translation>&apos;size&apos; 必须是正的字节数</translation>
    </message>
    <message>
        <source>give the exact &apos;size&apos; in bytes, or null and an &apos;approx_size&apos;</source>
        <translation>请填写精确的 &apos;size&apos;（字节），或填 null 并提供 &apos;approx_size&apos;</translation>
    </message>
    <message>
        <source>&apos;context_length&apos; and &apos;recommended_ram_gb&apos; must be positive</source>
        <translation>&apos;context_length&apos; 和 &apos;recommended_ram_gb&apos; 必须是正数</translation>
    </message>
    <message>
        <source>&apos;shape&apos; must hold exactly {keys} as positive whole numbers</source>
        <translation>&apos;shape&apos; 必须恰好包含 {keys}，且均为正整数</translation>
    </message>
    <message>
        <source>&apos;urls&apos; must be a list of http:// or https:// addresses</source>
        <translation>&apos;urls&apos; 必须是 http:// 或 https:// 地址的列表</translation>
    </message>
    <message>
        <source>give at least one of &apos;modelscope&apos;, &apos;hf&apos; or &apos;urls&apos;</source>
        <translation>请至少提供 &apos;modelscope&apos;、&apos;hf&apos; 或 &apos;urls&apos; 中的一项</translation>
    </message>
    <message>
        <source>the file must hold a JSON object</source>
        <translation>文件内容必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>&apos;schema_version&apos; must be {wanted} (found {found}); the file may be meant for a different ThinkDesk version</source>
        <translation>&apos;schema_version&apos; 必须是 {wanted}（实际为 {found}）；该文件可能是为其他版本的 ThinkDesk 准备的</translation>
    </message>
    <message>
        <source>only &apos;schema_version&apos; and &apos;models&apos; are allowed at the top level</source>
        <translation>顶层只允许 &apos;schema_version&apos; 和 &apos;models&apos;</translation>
    </message>
    <message>
        <source>&apos;models&apos; must be a list</source>
        <translation>&apos;models&apos; 必须是列表</translation>
    </message>
    <message>
        <source>{origin}: model #{n}</source>
        <translation>{origin}：第 {n} 个模型</translation>
    </message>
    <message>
        <source>the id &apos;{id}&apos; is used twice</source>
        <translation>ID &apos;{id}&apos; 被使用了两次</translation>
    </message>
    <message>
        <source>{path}: cannot be read ({error})</source>
        <translation>{path}：无法读取（{error}）</translation>
    </message>
    <message>
        <source>{path}: is not valid JSON ({error})</source>
        <translation>{path}：不是有效的 JSON（{error}）</translation>
    </message>
    <message>
        <source>It fits in memory (about {need:.1f} GB), but with {cores} cores this PC would write only about {low:g}-{high:g} tokens per second: too slow to be practical. A smaller model answers much sooner.</source>
        <translation>内存够用（约 {need:.1f} GB），但这台电脑只有 {cores} 个核心，每秒大约只能生成 {low:g}-{high:g} 个 token，慢得难以实际使用。较小的模型回答快得多。</translation>
    </message>
    <message>
        <source>Expected speed: about {low:g}-{high:g} tokens per second.</source>
        <translation>预计速度：每秒约 {low:g}-{high:g} 个 token。</translation>
    </message>
    <message>
        <source>{fit} {speed}</source>
        <translation>{fit}{speed}</translation>
    </message>
    <message>
        <source>About {need:.1f} GB of memory while answering (at {ctx:,} tokens of context). A PC with {recommended:g} GB of RAM or more leaves room for other programs.</source>
        <translation>回答时约占用 {need:.1f} GB 内存（上下文为 {ctx:,} 个 token 时）。内存为 {recommended:g} GB 或以上的电脑还能给其他程序留出空间。</translation>
    </message>
</context>
<context>
    <name>ChatController</name>
    <message>
        <source>The message is too long ({0:,} characters; the limit is {1:,}). Shorten it or split it into parts.</source>
        <extracomment>Pasting a book into the box must not freeze the app or blow the context silently. How often the thinking statistics (tokens, speed) are reported to the UI. The model may not think at all (a server that did not say): see ``_close``. Asked while no model was open (a Regenerate during a load): the two flags above are the R1 default until the first token, when the model that answers is known. request_id, thinking tokens, all tokens, tokens per second (about twice a second) request_id, the whole reply: what streamed as thinking was the answer (a server&apos;s model that may not think ended without marking a thinking). Comes before the end. request_id, whether the reply thinks after all: a reply asked while no model was open follows the model that answers it (sent at its first token, if that differs).</extracomment>
        <translation>消息太长（{0:,} 个字符，上限为 {1:,}）。请缩短内容或分成几部分发送。</translation>
    </message>
</context>
<context>
    <name>ClassroomView</name>
    <message>
        <source>ThinkDesk — Classroom</source>
        <extracomment>How much larger than the app&apos;s font the classroom text is (readable from the back row). How many steps past the last revealed one have their formulas typeset in the background.</extracomment>
        <translation>ThinkDesk — 课堂</translation>
    </message>
    <message>
        <source>Classroom presentation</source>
        <translation>课堂演示</translation>
    </message>
    <message>
        <source>Space: next step   ←: back   A: show answer   Esc: leave</source>
        <translation>Space：下一步   ←：上一步   A：显示答案   Esc：退出</translation>
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
        <translation>正在等待模型的思考过程…</translation>
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
        <translation>问题</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>发送</translation>
    </message>
    <message>
        <source>Wrap up</source>
        <translation>立即作答</translation>
    </message>
    <message>
        <source>Stop thinking now and give the answer (the thinking so far is kept).</source>
        <translation>现在停止思考并给出回答（已有的思考内容会保留）。</translation>
    </message>
    <message>
        <source>Ask a question…  (Ctrl+Enter sends, Enter: new line)</source>
        <translation>输入问题…  （Ctrl+Enter 发送，Enter 换行）</translation>
    </message>
    <message>
        <source>Ask a question…  (Enter sends, Shift+Enter: new line)</source>
        <translation>输入问题…  （Enter 发送，Shift+Enter 换行）</translation>
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
        <translation>新对话</translation>
    </message>
    <message>
        <source>Start a new conversation</source>
        <translation>开始新的对话</translation>
    </message>
    <message>
        <source>Search chats</source>
        <translation>搜索对话</translation>
    </message>
    <message>
        <source>Search conversations</source>
        <translation>搜索对话记录</translation>
    </message>
    <message>
        <source>Conversations</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Undo delete</source>
        <translation>撤销删除</translation>
    </message>
    <message>
        <source>Pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>最近</translation>
    </message>
    <message>
        <source>No chats match</source>
        <translation>没有匹配的对话</translation>
    </message>
    <message>
        <source>No saved chats yet</source>
        <translation>还没有保存的对话</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>昨天</translation>
    </message>
    <message>
        <source>Untitled chat</source>
        <translation>未命名对话</translation>
    </message>
    <message>
        <source>pinned</source>
        <translation>已置顶</translation>
    </message>
    <message>
        <source>Deleted “{0}”</source>
        <translation>已删除“{0}”</translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>重命名</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>取消置顶</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>置顶</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
</context>
<context>
    <name>Download</name>
    <message>
        <source>a secure connection could not be made ({error})</source>
        <translation>无法建立安全连接（{error}）</translation>
    </message>
    <message>
        <source>No download source offers {file}.</source>
        <translation>没有任何下载源提供 {file}。</translation>
    </message>
    <message>
        <source>Could not write {part} ({error}). Free some disk space and resume; the part downloaded so far was kept.</source>
        <translation>无法写入 {part}（{error}）。请释放一些磁盘空间后继续；已下载的部分已保留。</translation>
    </message>
    <message>
        <source>{source}: {problem}.</source>
        <translation>{source}：{problem}。</translation>
    </message>
    <message>
        <source>{source} failed: {problem}. Trying {next} instead.</source>
        <translation>{source} 失败：{problem}。改为尝试 {next}。</translation>
    </message>
    <message>
        <source>{source} failed: {problem}.</source>
        <translation>{source} 失败：{problem}。</translation>
    </message>
    <message>
        <source>Could not download {file}. {failures}</source>
        <translation>无法下载 {file}。{failures}</translation>
    </message>
    <message>
        <source>the connection ended at {done:,} of {total:,} bytes</source>
        <translation>连接在 {done:,} / {total:,} 字节处中断</translation>
    </message>
    <message>
        <source>{source}: {problem}; retrying in {delay:.1f} s.</source>
        <translation>{source}：{problem}；{delay:.1f} 秒后重试。</translation>
    </message>
    <message>
        <source>{source}: {problem}; downloading again from the start.</source>
        <translation>{source}：{problem}；从头重新下载。</translation>
    </message>
    <message>
        <source>{source} did not describe the file ({error}); going on.</source>
        <translation>{source} 没有提供文件信息（{error}）；继续下载。</translation>
    </message>
    <message>
        <source>it offers a different version of the file (sha256 differs)</source>
        <translation>它提供的是该文件的另一个版本（sha256 不同）</translation>
    </message>
    <message>
        <source>it offers a file of {size:,} bytes, not the {expected:,} bytes in the catalog</source>
        <translation>它提供的文件为 {size:,} 字节，而不是模型目录中的 {expected:,} 字节</translation>
    </message>
    <message>
        <source>the server did not answer in time</source>
        <translation>服务器未及时响应</translation>
    </message>
    <message>
        <source>no data arrived for {seconds:g} s</source>
        <translation>{seconds:g} 秒内没有收到数据</translation>
    </message>
    <message>
        <source>the connection broke off after {done:,} bytes</source>
        <translation>连接在 {done:,} 字节后断开</translation>
    </message>
    <message>
        <source>the request failed ({error})</source>
        <translation>请求失败（{error}）</translation>
    </message>
    <message>
        <source>the server answered {answer}</source>
        <translation>服务器返回 {answer}</translation>
    </message>
    <message>
        <source>unexpected answer {answer}</source>
        <translation>意外的响应 {answer}</translation>
    </message>
    <message>
        <source>it sent a web page ({type}) instead of the file; a Wi-Fi sign-in page (hotel, airport) or a proxy may be in the way. Sign in in your browser, then resume</source>
        <translation>它发来的是一个网页（{type}），而不是文件；可能是 Wi-Fi 登录页面（酒店、机场）或代理拦截了下载。请先在浏览器中登录，然后继续下载</translation>
    </message>
    <message>
        <source>the server resumed at the wrong place</source>
        <translation>服务器从错误的位置续传</translation>
    </message>
    <message>
        <source>it cannot resume and its answer ({length} bytes) is not the whole file</source>
        <translation>它不支持断点续传，且其回应（{length} 字节）不是完整的文件</translation>
    </message>
    <message>
        <source>{source} cannot resume downloads; starting from the beginning.</source>
        <translation>{source} 不支持断点续传；从头开始下载。</translation>
    </message>
    <message>
        <source>it sends {size:,} bytes, not the {expected:,} expected</source>
        <translation>它发送了 {size:,} 字节，而不是预期的 {expected:,} 字节</translation>
    </message>
    <message>
        <source>it sent more bytes than the file has</source>
        <translation>它发送的字节数超过了文件大小</translation>
    </message>
    <message>
        <source>it is {size:,} bytes instead of {expected:,}</source>
        <translation>大小为 {size:,} 字节，而不是 {expected:,}</translation>
    </message>
    <message>
        <source>its sha256 does not match the catalog: it is damaged or was tampered with</source>
        <translation>它的 sha256 与模型目录不符：文件已损坏或被篡改</translation>
    </message>
    <message>
        <source>the file it sent failed verification ({problem}) and was deleted</source>
        <translation>它发送的文件未通过校验（{problem}），已删除</translation>
    </message>
    <message>
        <source>The download was cancelled.</source>
        <translation>下载已取消。</translation>
    </message>
    <message>
        <source>The download was paused; it will resume where it stopped.</source>
        <translation>下载已暂停；继续时会从中断处接着下载。</translation>
    </message>
    <message>
        <source>this PC</source>
        <extracomment>Where a file that was already in place &quot;came from&quot;, for the progress line.</extracomment>
        <translation>本机</translation>
    </message>
    <message>
        <source>{file} is already being downloaded or imported, in this window or by another ThinkDesk (a second window or the command line). Let that finish, or stop it there, then try again.</source>
        <translation>{file} 已在下载或导入中，可能在此窗口，也可能在另一个 ThinkDesk（第二个窗口或命令行）中。请等它完成，或在那里停止它，然后重试。</translation>
    </message>
    <message>
        <source>The verified file could not be put in place ({error}). If the model is open, close it and try again.</source>
        <translation>已校验的文件无法放到目标位置（{error}）。如果该模型正在使用，请关闭后重试。</translation>
    </message>
    <message>
        <source>HF mirror</source>
        <translation>HF 镜像</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>it does not have the file (404)</source>
        <extracomment>Why a source is given up on (download.py words its own answers the same way).</extracomment>
        <translation>它没有这个文件（404）</translation>
    </message>
    <message>
        <source>it refused access ({status})</source>
        <translation>它拒绝了访问（{status}）</translation>
    </message>
    <message>
        <source>{name} ({host})</source>
        <translation>{name}（{host}）</translation>
    </message>
    <message>
        <source>the repository {repo} has no file {file}</source>
        <translation>仓库 {repo} 中没有文件 {file}</translation>
    </message>
    <message>
        <source>unknown source {choice}; choose one of {choices}</source>
        <translation>未知的下载源 {choice}；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>Not enough free disk space: the download needs {need:.2f} GB (including {margin:.2f} GB to spare) and {folder} has {free:.2f} GB free. Free some space or choose a smaller model.</source>
        <translation>磁盘空间不足：下载需要 {need:.2f} GB（含 {margin:.2f} GB 余量），而 {folder} 只有 {free:.2f} GB 可用。请释放一些空间或选择更小的模型。</translation>
    </message>
    <message>
        <source>the server could not be reached (connection refused)</source>
        <extracomment>Content types of pages, never of a model file.</extracomment>
        <translation>无法连接到服务器（连接被拒绝）</translation>
    </message>
    <message>
        <source>the server&apos;s name could not be looked up (is this PC offline?)</source>
        <translation>无法解析服务器的域名（这台电脑是否没有联网？）</translation>
    </message>
    <message>
        <source>the server could not be reached</source>
        <translation>无法连接到服务器</translation>
    </message>
    <message>
        <source>Could not download {file}: none of the download sources could be reached. {failures} If this PC has no internet access, work offline (Settings &gt; Network &gt; Never connect to the network) and bring the model on a USB stick: Import &gt; A folder.</source>
        <translation>无法下载 {file}：所有下载来源都无法连接。{failures} 如果这台电脑无法上网，请改为离线使用（设置 &gt; 网络 &gt; 从不连接网络），并用 U 盘拷来模型：导入… &gt; 文件夹（例如 U 盘）。</translation>
    </message>
</context>
<context>
    <name>DownloadManager</name>
    <message>
        <source>Paused.</source>
        <translation>已暂停。</translation>
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
        <translation>已暂停；继续后会从中断处接着下载。</translation>
    </message>
    <message>
        <source>Verifying…</source>
        <translation>正在校验…</translation>
    </message>
    <message>
        <source>%1 could not be deleted (%2). Close any other program that uses it and try again; the model stays in the list.</source>
        <translation>无法删除 %1（%2）。请关闭正在使用它的其他程序后重试；该模型仍保留在列表中。</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so nothing was downloaded. Turn off &quot;Never connect to the network&quot; in Settings &gt; Network, or import a model file instead.</source>
        <translation>ThinkDesk 已设为离线工作，因此没有下载任何内容。请在“设置 &gt; 网络”中取消勾选“从不连接网络”，或改为导入模型文件。</translation>
    </message>
</context>
<context>
    <name>DownloadRow</name>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
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
        <translation>正在校验 SHA-256…</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
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
        <translation>失败</translation>
    </message>
    <message>
        <source>Paused at %1 of %2</source>
        <translation>已暂停：%1 / %2</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
</context>
<context>
    <name>DownloadWorker</name>
    <message>
        <source>Unexpected error: %1</source>
        <translation>意外错误：%1</translation>
    </message>
    <message>
        <source>Downloaded and verified from %1.</source>
        <translation>已从 %1 下载并校验。</translation>
    </message>
    <message>
        <source>%1 The downloaded file was deleted.</source>
        <translation>%1 已删除下载的文件。</translation>
    </message>
    <message>
        <source>Downloaded from %1 and test-loaded. Unverified source: the hub gave no sha256 to check the file against.</source>
        <translation>已从 %1 下载并试加载。来源未经校验：该模型库没有提供可用于核对文件的 sha256。</translation>
    </message>
    <message>
        <source>No .gguf model files were found in %1.</source>
        <translation>在 %1 中没有找到 .gguf 模型文件。</translation>
    </message>
    <message>
        <source>The import was cancelled.</source>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>Imported %1.</source>
        <translation>已导入 %1。</translation>
    </message>
    <message>
        <source>Not imported: %1</source>
        <translation>未导入：%1</translation>
    </message>
</context>
<context>
    <name>EmptyState</name>
    <message>
        <source>No model is open</source>
        <translation>没有打开模型</translation>
    </message>
    <message>
        <source>Open a DeepSeek-R1-Distill-Qwen GGUF file to start chatting. Everything runs on this computer; nothing is sent anywhere.</source>
        <translation>打开一个 DeepSeek-R1-Distill-Qwen GGUF 文件即可开始对话。一切都在这台电脑上运行，不会向任何地方发送数据。</translation>
    </message>
    <message>
        <source>Open model file…</source>
        <translation>打开模型文件…</translation>
    </message>
    <message>
        <source>Download or import a model…</source>
        <translation>下载或导入模型…</translation>
    </message>
</context>
<context>
    <name>Engine</name>
    <message>
        <source>llama.cpp could not load &apos;{name}&apos;: {error}</source>
        <extracomment>When old turns must go, keep the prompt to this share of its budget, so the next turns fit behind the same first message (and reuse the KV cache) for a while. Tokenizer and template only (no weights, no generation): for --show-prompt and tests.</extracomment>
        <translation>llama.cpp 无法加载“{name}”：{error}</translation>
    </message>
    <message>
        <source>The question is too long for the model&apos;s context ({tokens} tokens of {n_ctx}). Shorten it or raise the context length in Settings.</source>
        <translation>问题超出了模型的上下文长度（{tokens} 个 token，上限 {n_ctx}）。请缩短问题，或在“设置”中增加上下文长度。</translation>
    </message>
    <message>
        <source>There is no question to answer.</source>
        <extracomment>How this model&apos;s replies start; ``reasoning`` as for a local model (thinking pane, budget, wrap-up) and ``reasoning_guessed``: a reply that never marks a thinking is the answer after all (see ``engines.remote_reasoning``).</extracomment>
        <translation>没有需要回答的问题。</translation>
    </message>
    <message>
        <source>llama.cpp failed while generating: {error}</source>
        <translation>llama.cpp 生成回答时出错：{error}</translation>
    </message>
    <message>
        <source>The model&apos;s chat template is broken: {error}</source>
        <translation>模型的对话模板已损坏：{error}</translation>
    </message>
    <message>
        <source>This model file has no chat template, and ThinkDesk does not know how to talk to &apos;{architecture}&apos; models without one. Use a GGUF that includes its chat template.</source>
        <translation>此模型文件没有对话模板，ThinkDesk 不知道在没有模板时如何与“{architecture}”模型对话。请使用包含对话模板的 GGUF。</translation>
    </message>
    <message>
        <source>The model&apos;s chat template failed: {error}</source>
        <translation>模型的对话模板运行失败：{error}</translation>
    </message>
</context>
<context>
    <name>EnginePage</name>
    <message>
        <source>Answers come from</source>
        <translation>回答来自</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>A server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <source>A server is a bigger machine on your network running llama-server, vLLM or Ollama; your questions and the answers then travel to it and back.</source>
        <translation>服务器是您网络中运行 llama-server、vLLM 或 Ollama 的一台更强的机器；您的问题和回答会在它与本机之间传送。</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>服务器地址</translation>
    </message>
    <message>
        <source>The address of its OpenAI-compatible API, with the port.</source>
        <translation>其 OpenAI 兼容 API 的地址，包括端口。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Kept in this computer&apos;s credential store, not in the settings.</source>
        <translation>保存在这台电脑的凭据存储中，而不是设置里。</translation>
    </message>
    <message>
        <source>This computer has no credential store, so the key is kept only until ThinkDesk closes.</source>
        <translation>这台电脑没有凭据存储，因此密钥只保留到 ThinkDesk 关闭为止。</translation>
    </message>
    <message>
        <source>API key (optional)</source>
        <translation>API 密钥（可选）</translation>
    </message>
    <message>
        <source>The server&apos;s first model</source>
        <translation>服务器的第一个模型</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Test connection lists the models the server offers.</source>
        <translation>“测试连接”会列出服务器提供的模型。</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>测试连接</translation>
    </message>
    <message>
        <source>Enter an address like http://gpu-box:8080.</source>
        <translation>请输入类似 http://gpu-box:8080 的地址。</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>正在测试…</translation>
    </message>
    <message>
        <source>Connected. The server offers {0} model(s).</source>
        <translation>已连接。服务器提供 {0} 个模型。</translation>
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
        <translation>助手</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>思考过程</translation>
    </message>
    <message>
        <source>Reasoning · thought for {seconds} s</source>
        <translation>思考过程 · 用时 {seconds} 秒</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>回答</translation>
    </message>
    <message>
        <source>(No answer: the model did not finish thinking.)</source>
        <translation>（没有回答：模型未完成思考。）</translation>
    </message>
    <message>
        <source>(No answer: the model returned an empty response.)</source>
        <translation>（没有回答：模型返回了空回复。）</translation>
    </message>
    <message>
        <source>Stopped before the answer was finished.</source>
        <translation>回答尚未完成时已被停止。</translation>
    </message>
    <message>
        <source>Interrupted: the app closed before the answer was finished.</source>
        <translation>已中断：回答完成前应用已关闭。</translation>
    </message>
    <message>
        <source>Failed: {error}</source>
        <translation>失败：{error}</translation>
    </message>
    <message>
        <source>Exported from ThinkDesk on {date}</source>
        <translation>于 {date} 从 ThinkDesk 导出</translation>
    </message>
</context>
<context>
    <name>ExportDone</name>
    <message>
        <source>The conversation was saved to:
{0}</source>
        <translation>对话已保存到：
{0}</translation>
    </message>
    <message>
        <source>Exported</source>
        <translation>已导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
</context>
<context>
    <name>FindModelsButton</name>
    <message>
        <source>Find more models…</source>
        <translation>查找更多模型…</translation>
    </message>
    <message>
        <source>Search ModelScope and Hugging Face for other sizes and quantizations (Q5_K_M, Q8_0, 14B, 32B, Qwen3 …).</source>
        <translation>在 ModelScope 和 Hugging Face 上查找其他规模和量化版本（Q5_K_M、Q8_0、14B、32B、Qwen3 …）。</translation>
    </message>
</context>
<context>
    <name>FindModelsDialog</name>
    <message>
        <source>Find more models</source>
        <extracomment>What the search box suggests on first use: the models ThinkDesk is made for.</extracomment>
        <translation>查找更多模型</translation>
    </message>
    <message>
        <source>Search for a model, e.g. R1 14B or Qwen3 8B</source>
        <translation>搜索模型，例如 R1 14B 或 Qwen3 8B</translation>
    </message>
    <message>
        <source>Search for</source>
        <translation>搜索内容</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>搜索</translation>
    </message>
    <message>
        <source>Repository</source>
        <translation>仓库</translation>
    </message>
    <message>
        <source>Licence</source>
        <translation>许可证</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>下载次数</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
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
        <translation>本机适配</translation>
    </message>
    <message>
        <source>Checked by</source>
        <translation>校验方式</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Downloads appear in the model manager, verified like the catalog&apos;s.</source>
        <translation>下载任务显示在模型管理器中，与目录中的模型一样经过校验。</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so it cannot search. Turn off &quot;Never connect to the network&quot; in Settings &gt; Network, or import a model file instead.</source>
        <translation>ThinkDesk 已设置为离线工作，因此无法搜索。请在“设置 &gt; 网络”中取消勾选“从不连接网络”，或者改为导入模型文件。</translation>
    </message>
    <message>
        <source>Press Enter to search ModelScope and Hugging Face for GGUF models. DeepSeek-R1 distills are listed first.</source>
        <translation>按 Enter 在 ModelScope 和 Hugging Face 上搜索 GGUF 模型。DeepSeek-R1 蒸馏模型排在最前面。</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未注明</translation>
    </message>
    <message>
        <source>Good fit</source>
        <translation>合适</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>过大</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>Split model</source>
        <translation>分卷模型</translation>
    </message>
    <message>
        <source>This model is split into several files; ThinkDesk cannot download split models yet. Choose a single-file quantization.</source>
        <translation>这个模型被拆分成了多个文件；ThinkDesk 暂时不能下载分卷模型。请选择单文件的量化版本。</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>正在检查…</translation>
    </message>
    <message>
        <source>sha256</source>
        <translation>sha256</translation>
    </message>
    <message>
        <source>The hub gives the file&apos;s sha256; the download is checked against it.</source>
        <translation>模型库提供了该文件的 sha256；下载后会据此校验。</translation>
    </message>
    <message>
        <source>Test load only</source>
        <translation>仅试加载</translation>
    </message>
    <message>
        <source>The hub gives no sha256: after the download the file is test-loaded and marked as coming from an unverified source.</source>
        <translation>模型库没有提供 sha256：下载后会试加载该文件，并标记为来源未经校验。</translation>
    </message>
    <message>
        <source>Download it anyway (for another PC)?</source>
        <translation>仍然下载吗（给另一台电脑用）？</translation>
    </message>
    <message>
        <source>Model too big for this PC</source>
        <translation>模型对这台电脑来说太大</translation>
    </message>
    <message>
        <source>%1 is downloading; follow it in the model manager.</source>
        <translation>%1 正在下载；可在模型管理器中查看进度。</translation>
    </message>
    <message>
        <source>Searching for “%1”…</source>
        <translation>正在搜索“%1”…</translation>
    </message>
    <message>
        <source>Repositories with GGUF files from %1: %2.</source>
        <translation>来自 %1 的含 GGUF 文件的仓库：%2 个。</translation>
    </message>
    <message>
        <source>%1 has no GGUF models matching this search.</source>
        <translation>%1 上没有符合此搜索的 GGUF 模型。</translation>
    </message>
</context>
<context>
    <name>GGUFError</name>
    <message>
        <source>{label} is empty (0 bytes); the download did not complete.</source>
        <translation>{label} 是空文件（0 字节）；下载没有完成。</translation>
    </message>
    <message>
        <source>it does not start with the GGUF signature</source>
        <translation>它的开头没有 GGUF 签名</translation>
    </message>
    <message>
        <source>it is probably a Git LFS pointer; the real model was never downloaded</source>
        <translation>它很可能是 Git LFS 指针文件；真正的模型从未下载</translation>
    </message>
    <message>
        <source>it looks like a web page, perhaps an error page saved instead of the model</source>
        <translation>它看起来像网页，可能保存的是错误页面而不是模型</translation>
    </message>
    <message>
        <source>{label} is not a GGUF model file ({hint}).</source>
        <translation>{label} 不是 GGUF 模型文件（{hint}）。</translation>
    </message>
    <message>
        <source>{label} is only {size} bytes long; the download may be incomplete.</source>
        <translation>{label} 只有 {size} 字节；下载可能不完整。</translation>
    </message>
    <message>
        <source>the version</source>
        <translation>版本号</translation>
    </message>
    <message>
        <source>it is a big-endian file made for a different kind of computer</source>
        <translation>它是为其他类型电脑制作的大端序文件</translation>
    </message>
    <message>
        <source>it uses the obsolete GGUF version 1; download a newer copy</source>
        <translation>它使用已淘汰的 GGUF 第 1 版；请下载较新的版本</translation>
    </message>
    <message>
        <source>it uses GGUF version {version}; ThinkDesk reads versions 2 and 3</source>
        <translation>它使用 GGUF 第 {version} 版；ThinkDesk 只能读取第 2 版和第 3 版</translation>
    </message>
    <message>
        <source>{label} cannot be read ({detail}).</source>
        <translation>无法读取 {label}（{detail}）。</translation>
    </message>
    <message>
        <source>the tensor count</source>
        <translation>张量数量</translation>
    </message>
    <message>
        <source>the key count</source>
        <translation>键数量</translation>
    </message>
    <message>
        <source>the metadata table</source>
        <translation>元数据表</translation>
    </message>
    <message>
        <source>a metadata key</source>
        <translation>元数据键名</translation>
    </message>
    <message>
        <source>the metadata key {key} appears twice</source>
        <translation>元数据键 {key} 出现了两次</translation>
    </message>
    <message>
        <source>the type of {key}</source>
        <translation>{key} 的类型</translation>
    </message>
    <message>
        <source>the alignment is not stored as a 32-bit number</source>
        <translation>对齐值没有以 32 位整数存储</translation>
    </message>
    <message>
        <source>a {arch} model</source>
        <translation>{arch} 模型</translation>
    </message>
    <message>
        <source>not labelled as any model type</source>
        <translation>没有标明模型类型</translation>
    </message>
    <message>
        <source>{label} cannot be used: this file is {kind}; ThinkDesk runs chat models such as DeepSeek-R1-Distill-Qwen (architecture qwen2).</source>
        <translation>无法使用 {label}：此文件为{kind}；ThinkDesk 运行的是 DeepSeek-R1-Distill-Qwen 这类对话模型（架构 qwen2）。</translation>
    </message>
    <message>
        <source>the alignment {alignment} is not a power of two</source>
        <translation>对齐值 {alignment} 不是 2 的幂</translation>
    </message>
    <message>
        <source>the tensor table</source>
        <translation>张量表</translation>
    </message>
    <message>
        <source>a tensor name</source>
        <translation>张量名称</translation>
    </message>
    <message>
        <source>the tensor {tensor} appears twice</source>
        <translation>张量 {tensor} 出现了两次</translation>
    </message>
    <message>
        <source>the shape of {tensor}</source>
        <translation>{tensor} 的形状</translation>
    </message>
    <message>
        <source>the tensor {tensor} has {n} dimensions</source>
        <translation>张量 {tensor} 有 {n} 个维度</translation>
    </message>
    <message>
        <source>the offset of {tensor}</source>
        <translation>{tensor} 的偏移量</translation>
    </message>
    <message>
        <source>the tensor {tensor} uses an unknown weight format ({type})</source>
        <translation>张量 {tensor} 使用了未知的权重格式（{type}）</translation>
    </message>
    <message>
        <source>the shape of {tensor} does not fit its weight format</source>
        <translation>{tensor} 的形状与其权重格式不符</translation>
    </message>
    <message>
        <source>the tensor {tensor} is not aligned in the file</source>
        <translation>张量 {tensor} 在文件中没有对齐</translation>
    </message>
    <message>
        <source>{label} looks truncated or damaged: the data for {tensor} would end at byte {end:,} but the file is only {size:,} bytes long. The download may be incomplete; try downloading the file again.</source>
        <translation>{label} 似乎被截断或已损坏：{tensor} 的数据应在第 {end:,} 字节处结束，但文件只有 {size:,} 字节。下载可能不完整，请重新下载该文件。</translation>
    </message>
    <message>
        <source>{label} has a damaged vocabulary: {n:,} token(s) appear more than once (for example {example}). Loading it would crash ThinkDesk, so it was not opened.</source>
        <translation>{label} 的词表已损坏：有 {n:,} 个 token 重复出现（例如 {example}）。加载它会导致 ThinkDesk 崩溃，因此没有打开。</translation>
    </message>
    <message>
        <source>{label} could not be read ({error}).</source>
        <translation>无法读取 {label}（{error}）。</translation>
    </message>
    <message>
        <source>{label} could not be found; it may have been moved or deleted.</source>
        <translation>找不到 {label}；它可能已被移动或删除。</translation>
    </message>
    <message>
        <source>{label} is a folder, not a model file.</source>
        <translation>{label} 是文件夹，不是模型文件。</translation>
    </message>
    <message>
        <source>{label} is not a regular file.</source>
        <translation>{label} 不是普通文件。</translation>
    </message>
    <message>
        <source>{label} has a damaged header ({error}).</source>
        <translation>{label} 的文件头已损坏（{error}）。</translation>
    </message>
    <message>
        <source>the vocabulary is not a list of text tokens</source>
        <translation>词表不是文本 token 的列表</translation>
    </message>
    <message>
        <source>{label} has a damaged header: {detail}.</source>
        <translation>{label} 的文件头已损坏：{detail}。</translation>
    </message>
    <message>
        <source>{what} claims an impossible size ({n:,} bytes)</source>
        <translation>{what}声明了一个不可能的大小（{n:,} 字节）</translation>
    </message>
    <message>
        <source>{label} ends unexpectedly at byte {size:,} while reading {what}; the file is truncated or damaged (an incomplete download is the usual cause).</source>
        <translation>{label} 在读取{what}时于第 {size:,} 字节处意外结束；文件被截断或已损坏（通常是下载不完整所致）。</translation>
    </message>
    <message>
        <source>{label} ended while it was being read.</source>
        <translation>{label} 在读取过程中意外结束。</translation>
    </message>
    <message>
        <source>{what} is {n:,} bytes long</source>
        <translation>{what}长达 {n:,} 字节</translation>
    </message>
    <message>
        <source>{what} is not valid text</source>
        <translation>{what}不是有效的文本</translation>
    </message>
    <message>
        <source>the value of {key}</source>
        <translation>{key} 的值</translation>
    </message>
    <message>
        <source>{key} has an unknown value type ({type})</source>
        <translation>{key} 的值类型未知（{type}）</translation>
    </message>
    <message>
        <source>{key} is an array of an unsupported type ({type})</source>
        <translation>{key} 是不支持的类型的数组（{type}）</translation>
    </message>
</context>
<context>
    <name>GenerationPage</name>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Lower is more focused, higher more varied. DeepSeek recommends 0.6.</source>
        <translation>越低越专注，越高越多样。DeepSeek 推荐 0.6。</translation>
    </message>
    <message>
        <source>Top P</source>
        <translation>Top P</translation>
    </message>
    <message>
        <source>Only the most likely words adding up to this share are considered (0.95).</source>
        <translation>只考虑累计概率达到此比例的最可能词语（0.95）。</translation>
    </message>
    <message>
        <source>Longest answer</source>
        <translation>最长回答</translation>
    </message>
    <message>
        <source>Tokens per answer, thinking included; the answer stops there.</source>
        <translation>每次回答的 token 上限（含思考过程），达到后停止。</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 token</translation>
    </message>
    <message>
        <source>Repeat penalty</source>
        <translation>重复惩罚</translation>
    </message>
    <message>
        <source>Above 1.0 discourages repeating words; 1.0 turns it off.</source>
        <translation>大于 1.0 可减少重复用词；1.0 表示关闭。</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>随机</translation>
    </message>
    <message>
        <source>The same seed and question give the same answer; Random varies it.</source>
        <translation>相同的种子和问题会得到相同的回答；选“随机”则每次不同。</translation>
    </message>
    <message>
        <source>For example: Answer in simple words.</source>
        <translation>例如：请用简单的话回答。</translation>
    </message>
    <message>
        <source>Custom instructions</source>
        <translation>自定义指令</translation>
    </message>
    <message>
        <source>Added to your first message in every chat (these models have no system prompt).</source>
        <translation>会添加到每个对话的第一条消息中（这些模型没有系统提示词）。</translation>
    </message>
    <message>
        <source>Show thinking</source>
        <translation>显示思考过程</translation>
    </message>
    <message>
        <source>Expanded</source>
        <translation>展开</translation>
    </message>
    <message>
        <source>Collapsed</source>
        <translation>折叠</translation>
    </message>
    <message>
        <source>Hidden</source>
        <translation>隐藏</translation>
    </message>
    <message>
        <source>How the model&apos;s reasoning appears above its answer.</source>
        <translation>模型的思考过程在回答上方如何显示。</translation>
    </message>
    <message>
        <source>Thinking budget</source>
        <translation>思考预算</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>After this many thinking tokens the model is asked to wrap up and answer.</source>
        <translation>思考达到这么多 token 后，会要求模型结束思考并作答。</translation>
    </message>
    <message>
        <source>Send with</source>
        <translation>发送键</translation>
    </message>
    <message>
        <source>Enter (Shift+Enter: new line)</source>
        <translation>Enter（Shift+Enter 换行）</translation>
    </message>
    <message>
        <source>Ctrl+Enter (Enter: new line)</source>
        <translation>Ctrl+Enter（Enter 换行）</translation>
    </message>
    <message>
        <source>Which key sends your question.</source>
        <translation>用哪个键发送问题。</translation>
    </message>
</context>
<context>
    <name>History</name>
    <message>
        <source>The chat history at {path} cannot be opened ({err}).</source>
        <translation>无法打开位于 {path} 的对话历史（{err}）。</translation>
    </message>
    <message>
        <source>The chat history was saved by a newer version of ThinkDesk, so this version leaves it untouched.</source>
        <translation>对话历史由更新版本的 ThinkDesk 保存，因此当前版本不会改动它。</translation>
    </message>
    <message>
        <source>The chat history at {path} is damaged and could not be copied aside ({err}).</source>
        <translation>位于 {path} 的对话历史已损坏，且无法另存副本（{err}）。</translation>
    </message>
    <message>
        <source>The chat history at {path} is damaged and could not be replaced ({err}); a copy was saved as {moved}.</source>
        <translation>位于 {path} 的对话历史已损坏且无法替换（{err}）；已将副本保存为 {moved}。</translation>
    </message>
    <message>
        <source>The chat history file was damaged; it was moved to {moved} and a new one was started.</source>
        <translation>对话历史文件已损坏；已将其移动到 {moved}，并新建了一个历史文件。</translation>
    </message>
    <message>
        <source>{problem} Your saved chats can be read, but chats in this session will not be saved.</source>
        <translation>{problem}已保存的对话仍可查看，但本次运行期间的对话将不会被保存。</translation>
    </message>
    <message>
        <source>{problem} Chats in this session will not be saved.</source>
        <translation>{problem}本次运行期间的对话将不会被保存。</translation>
    </message>
</context>
<context>
    <name>HistoryPanel</name>
    <message>
        <source>Interrupted: ThinkDesk closed before this answer was finished.</source>
        <translation>已中断：这条回答完成前 ThinkDesk 已关闭。</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <source>Stop the answer being written, or let it finish, first.</source>
        <translation>请先停止正在生成的回答，或等它完成。</translation>
    </message>
    <message>
        <source>Delete message</source>
        <translation>删除消息</translation>
    </message>
    <message>
        <source>Delete this message? The rest of the conversation stays.</source>
        <translation>删除这条消息？对话的其余部分会保留。</translation>
    </message>
    <message>
        <source>Edit question</source>
        <translation>编辑问题</translation>
    </message>
    <message>
        <source>Change your question. The replies after it are replaced; the earlier version is kept: ‹ › under the question switches between them.</source>
        <translation>修改你的问题。它之后的回复会被替换；之前的版本会保留：用问题下方的 ‹ › 在版本之间切换。</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>There is no saved conversation yet.</source>
        <translation>还没有已保存的对话。</translation>
    </message>
    <message>
        <source>Markdown (*.md)</source>
        <translation>Markdown (*.md)</translation>
    </message>
    <message>
        <source>Web page (*.html)</source>
        <translation>网页 (*.html)</translation>
    </message>
    <message>
        <source>conversation</source>
        <translation>对话</translation>
    </message>
    <message>
        <source>Export conversation</source>
        <translation>导出对话</translation>
    </message>
    <message>
        <source>Include the model&apos;s reasoning (thinking) in the export?</source>
        <translation>导出时包含模型的思考过程吗？</translation>
    </message>
    <message>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <source>Could not write {0}: {1}</source>
        <translation>无法写入 {0}：{1}</translation>
    </message>
</context>
<context>
    <name>HistoryService</name>
    <message>
        <source>This chat is not being saved to the history ({0}). Free up disk space or make the data folder writable; until then, copy what you want to keep.</source>
        <translation>此对话未能保存到历史记录（{0}）。请释放磁盘空间或让数据文件夹可写；在此之前，请复制您想保留的内容。</translation>
    </message>
    <message>
        <source>The change could not be saved to the history ({0}).</source>
        <translation>此更改无法保存到历史记录（{0}）。</translation>
    </message>
</context>
<context>
    <name>HubSearch</name>
    <message>
        <source>it did not answer within {seconds:g} s</source>
        <extracomment>Quantization names as they appear in GGUF file names (longest alternatives first).</extracomment>
        <translation>它在 {seconds:g} 秒内没有响应</translation>
    </message>
    <message>
        <source>it refused access ({status})</source>
        <translation>它拒绝了访问（{status}）</translation>
    </message>
    <message>
        <source>it does not have that repository (404)</source>
        <translation>它没有这个仓库（404）</translation>
    </message>
    <message>
        <source>it answered {status}</source>
        <translation>它返回了 {status}</translation>
    </message>
    <message>
        <source>it could not be reached ({error})</source>
        <translation>无法连接到它（{error}）</translation>
    </message>
    <message>
        <source>the header could not be read ({error})</source>
        <extracomment>CatalogEntry.origin of a file found on a hub (the download worker probes these).</extracomment>
        <translation>无法读取文件头（{error}）</translation>
    </message>
    <message>
        <source>its header does not give the shape</source>
        <translation>它的文件头没有给出模型结构</translation>
    </message>
    <message>
        <source>Memory use unknown until the model&apos;s header has been read.</source>
        <translation>读取模型文件头之前，内存占用未知。</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so no hub was searched. Turn off &quot;Never connect to the network&quot; in Settings &gt; Network to search ModelScope and Hugging Face.</source>
        <translation>ThinkDesk 已设置为离线工作，因此没有搜索任何模型库。请在“设置 &gt; 网络”中取消勾选“从不连接网络”，以搜索 ModelScope 和 Hugging Face。</translation>
    </message>
    <message>
        <source>Type what to search for, e.g. R1 7B.</source>
        <translation>请输入要搜索的内容，例如 R1 7B。</translation>
    </message>
    <message>
        <source>{hub}: {problem}.</source>
        <translation>{hub}：{problem}。</translation>
    </message>
    <message>
        <source>No hub could be searched. {problems}</source>
        <translation>没有可以搜索的模型库。{problems}</translation>
    </message>
    <message>
        <source>{spec} is not REPO:FILE, e.g. unsloth/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf</source>
        <translation>{spec} 不是 仓库:文件 的格式，例如 unsloth/Qwen3-8B-GGUF:Qwen3-8B-Q4_K_M.gguf</translation>
    </message>
    <message>
        <source>{hub}: {repo} has no file {file}.</source>
        <translation>{hub}：{repo} 中没有文件 {file}。</translation>
    </message>
    <message>
        <source>{file} was not found. {problems}</source>
        <translation>没有找到 {file}。{problems}</translation>
    </message>
</context>
<context>
    <name>Import</name>
    <message>
        <source>The import was cancelled.</source>
        <extracomment>progress(phase, done, total): phase is &quot;hashing&quot;, &quot;checking&quot; or &quot;copying&quot;</extracomment>
        <translation>导入已取消。</translation>
    </message>
    <message>
        <source>{name} could not be read ({error}). If it is on a USB stick or a network folder, check that it is still connected, then try again.</source>
        <translation>无法读取 {name}（{error}）。如果它在 U 盘或网络文件夹中，请确认仍已连接，然后重试。</translation>
    </message>
    <message>
        <source>{name} was not imported: {folder} could not be written ({error}). Check that the folder is not read-only and that the disk is not full.</source>
        <translation>{name} 未导入：无法写入 {folder}（{error}）。请确认该文件夹不是只读的，并且磁盘没有满。</translation>
    </message>
    <message>
        <source>Not enough free disk space to copy {name}: it needs {need:.2f} GB and {folder} has {free:.2f} GB free. Choose &quot;use where it is&quot; instead, or free space.</source>
        <translation>磁盘空间不足，无法复制 {name}：需要 {need:.2f} GB，而 {folder} 只有 {free:.2f} GB 可用。请改选“原位置使用”，或释放一些空间。</translation>
    </message>
    <message>
        <source>{name} is being downloaded or imported right now (in this window or another ThinkDesk). Let that finish, then try again.</source>
        <translation>{name} 正在下载或导入中（在此窗口或另一个 ThinkDesk 中）。请等它完成后重试。</translation>
    </message>
    <message>
        <source>{name} read back differently while it was copied; the disk or USB stick may be failing. Nothing was imported.</source>
        <translation>{name} 在复制过程中读回的内容不一致；磁盘或 U 盘可能出现故障。没有导入任何内容。</translation>
    </message>
    <message>
        <source>Copying {name} failed: {error}</source>
        <translation>复制 {name} 失败：{error}</translation>
    </message>
</context>
<context>
    <name>InferenceWorker</name>
    <message>
        <source>Loading the model failed unexpectedly: {0}</source>
        <extracomment>The model thinks before answering (thinking pane, budget, wrap-up); a plain chat model&apos;s reply is all answer. Decided per model by core.engines.family. A server did not say whether its model thinks: a reply shows as thinking until it closes with ``&lt;/think&gt;``, and one that never marks a thinking is the answer (core.engines.remote_reasoning).</extracomment>
        <translation>加载模型时发生意外错误：{0}</translation>
    </message>
    <message>
        <source>No model is loaded. Open a model first.</source>
        <translation>尚未加载模型。请先打开一个模型。</translation>
    </message>
    <message>
        <source>Generation failed unexpectedly: {error}</source>
        <translation>生成意外失败：{error}</translation>
    </message>
</context>
<context>
    <name>LinkConfirmation</name>
    <message>
        <source>Open link</source>
        <translation>打开链接</translation>
    </message>
    <message>
        <source>Open this web page in your browser?</source>
        <translation>要在浏览器中打开这个网页吗？</translation>
    </message>
    <message>
        <source>{url}

ThinkDesk works offline; the page will load from the internet.</source>
        <translation>{url}

ThinkDesk 离线工作；该网页将从互联网加载。</translation>
    </message>
</context>
<context>
    <name>LinkRefusal</name>
    <message>
        <source>Link not opened</source>
        <translation>链接未打开</translation>
    </message>
    <message>
        <source>ThinkDesk opens only web links (http and https). This link could start a program or open a file on this computer, so it was not opened.</source>
        <translation>ThinkDesk 只打开网页链接（http 和 https）。此链接可能会启动程序或打开这台电脑上的文件，因此没有打开。</translation>
    </message>
</context>
<context>
    <name>LlamaInfo</name>
    <message>
        <source>baseline x86-64 (SSE2)</source>
        <extracomment>What each x86-64 variant of llama.cpp&apos;s CPU backend needs, in words for a support person.</extracomment>
        <translation>基础 x86-64（SSE2）</translation>
    </message>
    <message>
        <source>AVX-512 BF16, tuned for Zen 4</source>
        <translation>AVX-512 BF16，为 Zen 4 优化</translation>
    </message>
    <message>
        <source>compiled for one CPU type</source>
        <translation>为一种 CPU 类型编译</translation>
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
        <translation>停止打开模型（Esc）</translation>
    </message>
    <message>
        <source>Opening {name}</source>
        <translation>正在打开 {name}</translation>
    </message>
    <message>
        <source>Checking the file safely in a separate process…</source>
        <translation>正在独立进程中安全检查文件…</translation>
    </message>
    <message>
        <source>Loading {size} into memory…</source>
        <translation>正在将 {size} 载入内存…</translation>
    </message>
    <message>
        <source>{elapsed} s elapsed · about {total} s in all on this PC</source>
        <translation>已用 {elapsed} 秒 · 在这台电脑上总共约需 {total} 秒</translation>
    </message>
</context>
<context>
    <name>LongMessageGuard</name>
    <message>
        <source>Reloading the model with a context of {0:,} tokens. Your message stays in the box: press Send when the model is ready.</source>
        <translation>正在以 {0:,} 个 token 的上下文重新加载模型。你的消息仍在输入框中：模型就绪后按“发送”。</translation>
    </message>
    <message>
        <source>counted with the model&apos;s tokenizer</source>
        <translation>由模型的分词器计数</translation>
    </message>
    <message>
        <source>estimated</source>
        <translation>估算</translation>
    </message>
    <message>
        <source>This message is {0:,} tokens long ({1}). The model&apos;s context holds {2:,} tokens and keeps {3:,} of them free for the answer, so a question can use about {4:,}.</source>
        <translation>这条消息长 {0:,} 个 token（{1}）。模型的上下文可容纳 {2:,} 个 token，其中 {3:,} 个留给回答，所以一个问题最多约可使用 {4:,} 个。</translation>
    </message>
    <message>
        <source>Raise the context to {0:,} tokens: the model reloads and needs more memory.</source>
        <translation>将上下文提高到 {0:,} 个 token：模型会重新加载，并需要更多内存。</translation>
    </message>
    <message>
        <source>Send anyway: the answer, thinking included, is then limited to {0:,} tokens.</source>
        <translation>仍然发送：回答（含思考过程）将限制在 {0:,} 个 token 以内。</translation>
    </message>
    <message>
        <source>It is too long for this model. Shorten it or split it into parts.</source>
        <translation>这条消息对这个模型来说太长了。请缩短，或拆成几部分。</translation>
    </message>
    <message>
        <source>Long message</source>
        <translation>消息过长</translation>
    </message>
    <message>
        <source>Raise the context to {0:,}</source>
        <translation>将上下文提高到 {0:,}</translation>
    </message>
    <message>
        <source>Send anyway</source>
        <translation>仍然发送</translation>
    </message>
    <message>
        <source>Edit the message</source>
        <translation>修改消息</translation>
    </message>
</context>
<context>
    <name>LoopBanner</name>
    <message>
        <source>Wrap up and answer</source>
        <translation>结束思考并作答</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Keep thinking</source>
        <translation>继续思考</translation>
    </message>
    <message>
        <source>The model seems to be repeating itself (&quot;{0}&quot;).</source>
        <translation>模型似乎在重复自己（“{0}”）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Chat history</source>
        <translation>对话历史</translation>
    </message>
    <message>
        <source>ThinkDesk is already running</source>
        <translation>ThinkDesk 已在运行</translation>
    </message>
    <message>
        <source>Another ThinkDesk window is using the data folder {0}, but it does not respond. Close it (or end it in the task manager), then start ThinkDesk again.</source>
        <translation>另一个 ThinkDesk 窗口正在使用数据文件夹 {0}，但没有响应。请关闭它（或在任务管理器中结束它），然后重新启动 ThinkDesk。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Open model…</source>
        <translation>打开模型(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;New chat</source>
        <translation>新对话(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Models…</source>
        <translation>模型(&amp;M)…</translation>
    </message>
    <message>
        <source>&amp;Export conversation…</source>
        <translation>导出对话(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Print conversation…</source>
        <translation>打印对话(&amp;P)…</translation>
    </message>
    <message>
        <source>Stop answer</source>
        <translation>停止回答</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Classroom mode</source>
        <translation>课堂模式(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;System information</source>
        <translation>系统信息(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;About ThinkDesk</source>
        <translation>关于 ThinkDesk(&amp;A)</translation>
    </message>
    <message>
        <source>Open model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF 模型 (*.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Message not sent</source>
        <translation>消息未发送</translation>
    </message>
    <message>
        <source>Ready (opened in {0:.1f} s)</source>
        <translation>就绪（打开用时 {0:.1f} 秒）</translation>
    </message>
    <message>
        <source>Loading {0}…</source>
        <translation>正在加载 {0}…</translation>
    </message>
    <message>
        <source>The model could not be opened</source>
        <translation>无法打开模型</translation>
    </message>
    <message>
        <source>No model is open</source>
        <translation>没有打开模型</translation>
    </message>
    <message>
        <source>The model was not opened</source>
        <translation>模型未打开</translation>
    </message>
    <message>
        <source>Model not opened</source>
        <translation>未打开模型</translation>
    </message>
    <message>
        <source>{0} · server {1}</source>
        <translation>{0} · 服务器 {1}</translation>
    </message>
    <message>
        <source>{0} · this computer · {1} threads · context {2:,}</source>
        <translation>{0} · 这台电脑 · {1} 个线程 · 上下文 {2:,}</translation>
    </message>
</context>
<context>
    <name>MemoryFit</name>
    <message>
        <source>the model</source>
        <extracomment>Below this many tokens of context an R1 model cannot think its way to an answer. What &quot;Auto&quot; aims for: room for a long thinking phase and the answer after it. When shrinking, the context steps down through multiples of this. The engine evaluates prompts in batches of this many tokens (EngineConfig.n_batch). Share of available RAM the automatic budget hands to the model, and RAM always left free.</extracomment>
        <translation>该模型</translation>
    </message>
    <message>
        <source>{name} does not say how many layers and attention heads it has, so its memory use cannot be estimated.</source>
        <translation>{name} 没有说明它有多少层和注意力头，因此无法估算其内存占用。</translation>
    </message>
    <message>
        <source>{name} fits: about {need} of the {budget} budget with a context of {n_ctx:,} tokens.</source>
        <translation>{name} 可以放下：上下文为 {n_ctx:,} 个 token 时，约占 {budget} 预算中的 {need}。</translation>
    </message>
    <message>
        <source>The context was reduced from {target:,} to {n_ctx:,} tokens so that {name} fits the {budget} memory budget (about {need} needed).</source>
        <translation>为了让 {name} 放进 {budget} 的内存预算，上下文已从 {target:,} 个 token 缩减到 {n_ctx:,} 个（约需 {need}）。</translation>
    </message>
    <message>
        <source>a bigger memory budget in Settings &gt; Performance</source>
        <translation>在“设置 &gt; 性能”中提高内存预算</translation>
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
        <translation>{name} 超出了内存预算：即使使用最小可用上下文（{n_ctx:,} 个 token），也需要约 {need}（权重 {weights}、对话记忆 {kv}、工作缓冲区 {compute}、其他开销 {overhead}），而预算只有 {budget}。请选择{choices}（关闭其他程序也能释放内存）。</translation>
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
        <translation>复制</translation>
    </message>
    <message>
        <source>Copy this message</source>
        <translation>复制这条消息</translation>
    </message>
    <message>
        <source>Copy with reasoning</source>
        <translation>连同思考过程复制</translation>
    </message>
    <message>
        <source>Copy the model&apos;s reasoning and its answer</source>
        <translation>复制模型的思考过程和回答</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>重新生成</translation>
    </message>
    <message>
        <source>Ask again; this answer is kept</source>
        <translation>重新提问；当前回答会保留</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Change this question and ask again</source>
        <translation>修改这个问题并重新提问</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Delete this message</source>
        <translation>删除这条消息</translation>
    </message>
    <message>
        <source>Open a model first: this asks the model again.</source>
        <translation>请先打开模型：此操作需要模型重新作答。</translation>
    </message>
</context>
<context>
    <name>Metrics</name>
    <message>
        <source>{0:.1f} s to first token</source>
        <extracomment>pyside6-lupdate reads the bare ``translate(&quot;Context&quot;, &quot;text&quot;)`` spelling.</extracomment>
        <translation>首个 token 用时 {0:.1f} 秒</translation>
    </message>
    <message>
        <source>{0:.1f} tokens/s</source>
        <translation>{0:.1f} token/秒</translation>
    </message>
    <message>
        <source>{0} tokens</source>
        <translation>{0} 个 token</translation>
    </message>
    <message>
        <source>cut off: the conversation filled the context</source>
        <translation>已截断：对话已占满上下文</translation>
    </message>
    <message>
        <source>cut off at the longest-answer limit (Settings)</source>
        <translation>已截断：达到最长回答限制（见设置）</translation>
    </message>
    <message>
        <source>thinking stopped: this server cannot continue it into an answer</source>
        <translation>思考已停止：此服务器无法接着给出回答</translation>
    </message>
    <message>
        <source>answered by {0}</source>
        <translation>由 {0} 回答</translation>
    </message>
    <message>
        <source>answered on this computer</source>
        <translation>在这台电脑上回答</translation>
    </message>
</context>
<context>
    <name>ModelCheck</name>
    <message>
        <source>exit code {code}</source>
        <translation>退出码 {code}</translation>
    </message>
    <message>
        <source>signal {number}</source>
        <translation>信号 {number}</translation>
    </message>
    <message>
        <source>Could not start the model check: {error}</source>
        <translation>无法启动模型检查：{error}</translation>
    </message>
    <message>
        <source>The model check was cancelled.</source>
        <translation>模型检查已取消。</translation>
    </message>
    <message>
        <source>Test-loading &apos;{name}&apos; took longer than {seconds:.0f} s, so ThinkDesk did not load it. The disk may be very slow or the file damaged.</source>
        <translation>试加载“{name}”用时超过 {seconds:.0f} 秒，因此 ThinkDesk 没有加载它。可能是磁盘太慢或文件已损坏。</translation>
    </message>
    <message>
        <source>llama.cpp crashed while test-loading &apos;{name}&apos; ({exit}). The file is damaged or was made by an incompatible converter; ThinkDesk did not load it.</source>
        <translation>llama.cpp 在试加载“{name}”时崩溃（{exit}）。文件已损坏，或由不兼容的转换工具生成；ThinkDesk 没有加载它。</translation>
    </message>
    <message>
        <source>llama.cpp could not load &apos;{name}&apos;; ThinkDesk did not load it.</source>
        <translation>llama.cpp 无法加载“{name}”；ThinkDesk 没有加载它。</translation>
    </message>
    <message>
        <source>{message} Details: {detail}</source>
        <translation>{message} 详细信息：{detail}</translation>
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
        <translation>合适</translation>
    </message>
    <message>
        <source>Tight</source>
        <translation>勉强</translation>
    </message>
    <message>
        <source>Too slow here</source>
        <translation>在此电脑上太慢</translation>
    </message>
    <message>
        <source>Too big</source>
        <translation>过大</translation>
    </message>
    <message>
        <source>Recommended for this PC</source>
        <translation>推荐这台电脑使用</translation>
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
        <translation>剩余不到 1 分钟</translation>
    </message>
    <message>
        <source>%1 min left</source>
        <translation>剩余 %1 分钟</translation>
    </message>
    <message>
        <source>%1 h %2 min left</source>
        <translation>剩余 %1 小时 %2 分钟</translation>
    </message>
    <message>
        <source>Checking the part downloaded earlier… %1</source>
        <translation>正在检查之前已下载的部分… %1</translation>
    </message>
    <message>
        <source>Computing the checksum… %1 of %2</source>
        <translation>正在计算校验和… %1 / %2</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>Remove %1 from ThinkDesk? The file stays where it is:
%2</source>
        <translation>从 ThinkDesk 中移除 %1？文件会保留在原位置：
%2</translation>
    </message>
    <message>
        <source>Delete %1? Its file (%3) will be deleted from this PC:
%2</source>
        <translation>删除 %1？它的文件（%3）将从这台电脑上删除：
%2</translation>
    </message>
    <message>
        <source>Copy the model into ThinkDesk&apos;s models folder, or use it where it is? Choose &quot;Copy&quot; for a USB stick you will unplug.</source>
        <translation>将模型复制到 ThinkDesk 的模型文件夹，还是在原位置直接使用？如果之后要拔下 U 盘，请选择“复制”。</translation>
    </message>
    <message>
        <source>Import models</source>
        <translation>导入模型</translation>
    </message>
    <message>
        <source>No .gguf model files were found in %1.</source>
        <translation>在 %1 中没有找到 .gguf 模型文件。</translation>
    </message>
    <message>
        <source>Model files with a sound header: %1 (%2).</source>
        <translation>文件头完好的模型文件：%1 个（%2）。</translation>
    </message>
    <message>
        <source>Skipped:</source>
        <translation>已跳过：</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <source>Use where it is</source>
        <translation>原位置使用</translation>
    </message>
    <message>
        <source>HF mirror</source>
        <translation>HF 镜像</translation>
    </message>
    <message>
        <source>Mirror</source>
        <translation>镜像</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>Matches the catalog&apos;s sha256 checksum.</source>
        <translation>与目录中的 sha256 校验和一致。</translation>
    </message>
    <message>
        <source>Checked (not in the catalog)</source>
        <translation>已检查（不在目录中）</translation>
    </message>
    <message>
        <source>Not a catalog file, so there is no published checksum to compare. ThinkDesk checked its structure and test-loaded it before adding it.</source>
        <translation>这不是目录中的文件，所以没有公布的校验和可供比对。ThinkDesk 在添加前检查了它的结构，并试加载过。</translation>
    </message>
    <message>
        <source>  (file missing)</source>
        <translation>  （文件丢失）</translation>
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
        <translation>无法读取附加模型目录：%1</translation>
    </message>
    <message>
        <source>ThinkDesk is set to work offline, so downloads are off. Import a model file instead (for example from a USB stick).</source>
        <translation>ThinkDesk 已设为离线工作，下载已关闭。请改为导入模型文件（例如从 U 盘）。</translation>
    </message>
    <message>
        <source>No model is installed yet. For this PC (%1 of memory) we recommend %2: select it and press Download.</source>
        <translation>还没有安装模型。根据这台电脑的配置（%1 内存），推荐使用 %2：选中它，然后点击“下载”。</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>排队中</translation>
    </message>
    <message>
        <source>Downloading…</source>
        <translation>下载中…</translation>
    </message>
    <message>
        <source>Installed</source>
        <translation>已安装</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Partly downloaded</source>
        <translation>部分已下载</translation>
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
        <translation>下载模型</translation>
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
        <translation>许可证</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>下载源</translation>
    </message>
    <message>
        <source>This PC</source>
        <translation>本机适配</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Download source</source>
        <translation>下载源</translation>
    </message>
    <message>
        <source>Memory use</source>
        <translation>内存占用</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>下载</translation>
    </message>
    <message>
        <source>Download from:</source>
        <translation>下载源：</translation>
    </message>
    <message>
        <source>Downloads and imports</source>
        <translation>下载和导入</translation>
    </message>
    <message>
        <source>Installed models</source>
        <translation>已安装的模型</translation>
    </message>
    <message>
        <source>Size on disk</source>
        <translation>占用空间</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>上下文</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Verified</source>
        <translation>已校验</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>默认</translation>
    </message>
    <message>
        <source>Use this model</source>
        <translation>使用此模型</translation>
    </message>
    <message>
        <source>Set as default</source>
        <translation>设为默认</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>删除…</translation>
    </message>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Model files…</source>
        <translation>模型文件…</translation>
    </message>
    <message>
        <source>A folder (e.g. a USB stick)…</source>
        <translation>文件夹（例如 U 盘）…</translation>
    </message>
    <message>
        <source>Tip: drop .gguf files or a folder here to import them.</source>
        <translation>提示：把 .gguf 文件或文件夹拖到这里即可导入。</translation>
    </message>
    <message>
        <source>Download it anyway (for another PC)?</source>
        <translation>仍然下载吗（给另一台电脑用）？</translation>
    </message>
    <message>
        <source>Model too big for this PC</source>
        <translation>模型对这台电脑来说太大</translation>
    </message>
    <message>
        <source>Import model files</source>
        <translation>导入模型文件</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf)</source>
        <translation>GGUF 模型 (*.gguf)</translation>
    </message>
    <message>
        <source>Import every model in a folder</source>
        <translation>导入文件夹中的所有模型</translation>
    </message>
    <message>
        <source>Delete model</source>
        <translation>删除模型</translation>
    </message>
</context>
<context>
    <name>ModelSession</name>
    <message>
        <source>{0} was not opened. {1} {2} stays open.</source>
        <extracomment>The budget when RAM cannot be measured: the fit then only picks the context.</extracomment>
        <translation>未打开 {0}。{1} {2} 仍保持打开，可以继续使用。</translation>
    </message>
    <message>
        <source>{0} was closed first and is not open any more.</source>
        <translation>{0} 已先被关闭，现在没有打开。</translation>
    </message>
    <message>
        <source>{0} is not there any more, so the new settings cannot be applied.</source>
        <translation>{0} 已不在原处，因此无法应用新的设置。</translation>
    </message>
    <message>
        <source>{0} The model stays loaded as it was.</source>
        <translation>{0} 模型保持原来的加载状态。</translation>
    </message>
</context>
<context>
    <name>NetworkPage</name>
    <message>
        <source>Offline mode</source>
        <translation>离线模式</translation>
    </message>
    <message>
        <source>Never connect to the network</source>
        <translation>从不连接网络</translation>
    </message>
    <message>
        <source>Blocks every download. Models can still be imported from a file or USB stick.</source>
        <translation>禁止所有下载。仍可从文件或 U 盘导入模型。</translation>
    </message>
    <message>
        <source>Download from</source>
        <translation>下载源</translation>
    </message>
    <message>
        <source>ModelScope and the mirror are fast in mainland China; Auto fails over.</source>
        <translation>在中国大陆，ModelScope 和镜像站速度较快；“自动”会在失败时切换来源。</translation>
    </message>
    <message>
        <source>ModelScope address</source>
        <translation>ModelScope 地址</translation>
    </message>
    <message>
        <source>Default: https://www.modelscope.cn</source>
        <translation>默认：https://www.modelscope.cn</translation>
    </message>
    <message>
        <source>Mirror address</source>
        <translation>镜像地址</translation>
    </message>
    <message>
        <source>Default: https://hf-mirror.com</source>
        <translation>默认：https://hf-mirror.com</translation>
    </message>
    <message>
        <source>Hugging Face address</source>
        <translation>Hugging Face 地址</translation>
    </message>
    <message>
        <source>Default: https://huggingface.co; a company mirror works too.</source>
        <translation>默认：https://huggingface.co；也可以使用公司内部镜像。</translation>
    </message>
    <message>
        <source>None</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Extra catalog file</source>
        <translation>附加模型目录文件</translation>
    </message>
    <message>
        <source>A JSON file from your IT department listing more models or a company mirror.</source>
        <translation>IT 部门提供的 JSON 文件，列出更多模型或公司内部镜像。</translation>
    </message>
</context>
<context>
    <name>NoModelBar</name>
    <message>
        <source>You can read this conversation; open a model to continue it.</source>
        <translation>你可以阅读这段对话；打开模型后即可继续。</translation>
    </message>
    <message>
        <source>Open a model…</source>
        <translation>打开模型…</translation>
    </message>
</context>
<context>
    <name>PerformancePage</name>
    <message>
        <source>Threads for answers</source>
        <translation>生成线程数</translation>
    </message>
    <message>
        <source>Auto ({0} physical cores)</source>
        <translation>自动（{0} 个物理核心）</translation>
    </message>
    <message>
        <source>CPU threads used while the answer is written. The number of physical cores is usually fastest; more can be slower.</source>
        <translation>生成回答时使用的 CPU 线程数。通常与物理核心数相同时最快，更多反而可能变慢。</translation>
    </message>
    <message>
        <source>Threads for reading</source>
        <translation>读取线程数</translation>
    </message>
    <message>
        <source>Same as for answers</source>
        <translation>与生成相同</translation>
    </message>
    <message>
        <source>CPU threads used to read your question and the conversation before answering.</source>
        <translation>回答前读取问题和对话内容时使用的 CPU 线程数。</translation>
    </message>
    <message>
        <source>Memory budget</source>
        <translation>内存预算</translation>
    </message>
    <message>
        <source>Auto ({0:.1f} GB)</source>
        <translation>自动（{0:.1f} GB）</translation>
    </message>
    <message>
        <source>The most memory the model may use. Auto takes a safe share of the memory that is free now, so the computer never has to swap.</source>
        <translation>模型最多可使用的内存。“自动”只取当前空闲内存中安全的一部分，避免电脑使用交换空间。</translation>
    </message>
    <message>
        <source> GB</source>
        <translation> GB</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>上下文长度</translation>
    </message>
    <message>
        <source>Automatic (as long as the memory budget allows)</source>
        <translation>自动（在内存预算允许的范围内尽量长）</translation>
    </message>
    <message>
        <source>How much of the conversation the model can see at once, in tokens. Long reasoning needs a long context; each token costs memory.</source>
        <translation>模型一次能看到多少对话内容（以 token 计）。较长的推理需要较长的上下文，而每个 token 都会占用内存。</translation>
    </message>
    <message>
        <source>Fixed context</source>
        <translation>固定上下文</translation>
    </message>
    <message>
        <source>Used when Automatic is off.</source>
        <translation>关闭“自动”时使用。</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个 token</translation>
    </message>
    <message>
        <source>Keep in memory</source>
        <translation>常驻内存</translation>
    </message>
    <message>
        <source>Lock the model in RAM (mlock)</source>
        <translation>将模型锁定在内存中（mlock）</translation>
    </message>
    <message>
        <source>Stops the system from moving the model to disk, at the cost of that RAM.</source>
        <translation>防止系统把模型换出到磁盘，代价是这部分内存会一直被占用。</translation>
    </message>
    <message>
        <source>This PC has {0:.1f} GB of RAM, {1:.1f} GB free now. Open a model to see how it fits.</source>
        <translation>这台电脑有 {0:.1f} GB 内存，当前空闲 {1:.1f} GB。打开一个模型即可查看它是否适合。</translation>
    </message>
    <message>
        <source>⚠ This system lets a program lock only {0}, less than the model needs, so locking will fail. Raise the limit (ulimit -l) or leave this off.</source>
        <translation>⚠ 此系统只允许程序锁定 {0} 内存，少于模型所需，因此锁定会失败。请提高限制（ulimit -l）或关闭此选项。</translation>
    </message>
    <message>
        <source>Model weights</source>
        <translation>模型权重</translation>
    </message>
    <message>
        <source>Conversation memory ({0:,} tokens)</source>
        <translation>对话记忆（{0:,} 个 token）</translation>
    </message>
    <message>
        <source>Working buffers</source>
        <translation>工作缓冲区</translation>
    </message>
    <message>
        <source>Overhead</source>
        <translation>其他开销</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Does not fit in {0:.1f} GB even with {1:,} tokens of context. Choose a smaller model or quantization, or a bigger budget.</source>
        <translation>即使上下文只有 {1:,} 个 token，也无法放进 {0:.1f} GB。请选择更小的模型或量化版本，或提高预算。</translation>
    </message>
    <message>
        <source>Fits in {0:.1f} GB with the context reduced from {1:,} to {2:,} tokens.</source>
        <translation>将上下文从 {1:,} 个 token 缩减到 {2:,} 个后，可放进 {0:.1f} GB。</translation>
    </message>
    <message>
        <source>Fits in {0:.1f} GB.</source>
        <translation>可放进 {0:.1f} GB。</translation>
    </message>
</context>
<context>
    <name>Remote</name>
    <message>
        <source>ThinkDesk is set to work offline, so it only uses servers on this computer or the local network, and {host} is not one. Turn off Offline mode in Settings &gt; Network to use it.</source>
        <translation>ThinkDesk 已设为离线工作，只使用这台电脑或局域网中的服务器，而 {host} 不在其中。要使用它，请在“设置 &gt; 网络”中关闭离线模式。</translation>
    </message>
    <message>
        <source>The server {host} is not ready yet (it may be loading its model); trying again in {seconds:g} s…</source>
        <translation>服务器 {host} 尚未就绪（可能正在加载模型）；{seconds:g} 秒后重试…</translation>
    </message>
    <message>
        <source>{url} does not look like an OpenAI-compatible server: its model list could not be read.</source>
        <translation>{url} 看起来不是 OpenAI 兼容的服务器：无法读取其模型列表。</translation>
    </message>
    <message>
        <source>The server {host} has no model named &apos;{model}&apos;. It offers: {models}.</source>
        <translation>服务器 {host} 没有名为“{model}”的模型。它提供：{models}。</translation>
    </message>
    <message>
        <source>The server {host} offers no model.</source>
        <translation>服务器 {host} 没有提供任何模型。</translation>
    </message>
    <message>
        <source>The secure connection to {host} failed ({detail}). Check whether the address should start with http:// or https://, and the server&apos;s certificate.</source>
        <translation>与 {host} 的安全连接失败（{detail}）。请检查地址应以 http:// 还是 https:// 开头，以及服务器的证书。</translation>
    </message>
    <message>
        <source>The server {host} did not answer within {seconds:g} s.</source>
        <translation>服务器 {host} 在 {seconds:g} 秒内没有响应。</translation>
    </message>
    <message>
        <source>The server {host} sent nothing for {seconds:g} s, so ThinkDesk gave up. What arrived is kept.</source>
        <translation>服务器 {host} 已有 {seconds:g} 秒没有发送任何内容，ThinkDesk 已放弃等待。已收到的内容会保留。</translation>
    </message>
    <message>
        <source>Cannot reach the server at {url}. Check the address and that the server is running. ({detail})</source>
        <translation>无法连接到 {url} 的服务器。请检查地址，并确认服务器正在运行。（{detail}）</translation>
    </message>
    <message>
        <source>The request to {host} failed: {detail}</source>
        <translation>对 {host} 的请求失败：{detail}</translation>
    </message>
    <message>
        <source>The server {host} refused the request (HTTP {status}): the API key is missing or wrong. Check it in Settings &gt; Engine.</source>
        <translation>服务器 {host} 拒绝了请求（HTTP {status}）：API 密钥缺失或错误。请在“设置 &gt; 引擎”中检查。</translation>
    </message>
    <message>
        <source>The server {host} has no model named &apos;{model}&apos;.</source>
        <translation>服务器 {host} 没有名为“{model}”的模型。</translation>
    </message>
    <message>
        <source>The server {host} is busy with other requests (HTTP 429). Try again in a moment.</source>
        <translation>服务器 {host} 正忙于处理其他请求（HTTP 429）。请稍后再试。</translation>
    </message>
    <message>
        <source>The server {host} is still not ready (HTTP 503: it may be loading its model). Try again later.</source>
        <translation>服务器 {host} 仍未就绪（HTTP 503：可能正在加载模型）。请稍后再试。</translation>
    </message>
    <message>
        <source>The server {host} answered with an error (HTTP {status}): {detail}</source>
        <translation>服务器 {host} 返回了错误（HTTP {status}）：{detail}</translation>
    </message>
    <message>
        <source>The server sent something ThinkDesk cannot read ({detail}), so the answer stops here. What arrived is kept.</source>
        <extracomment>How often the watcher looks at Stop / Wrap up while a read may be blocked.</extracomment>
        <translation>服务器发送了 ThinkDesk 无法读取的内容（{detail}），回答到此为止。已收到的内容会保留。</translation>
    </message>
    <message>
        <source>The connection to the server dropped in the middle of the answer. What arrived is kept.</source>
        <translation>回答途中与服务器的连接断开了。已收到的内容会保留。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>Performance</source>
        <translation>性能</translation>
    </message>
    <message>
        <source>Generation</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Appearance</source>
        <translation>外观</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>网络</translation>
    </message>
    <message>
        <source>Sharing</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Engine</source>
        <translation>引擎</translation>
    </message>
    <message>
        <source>Reset to defaults</source>
        <extracomment>setting key -&gt; its editor, across all pages (what tests and callers drive).</extracomment>
        <translation>恢复默认设置</translation>
    </message>
    <message>
        <source>{0}: “{1}” is not a web address like https://example.com.</source>
        <translation>{0}：“{1}”不是有效的网址（例如 https://example.com）。</translation>
    </message>
    <message>
        <source>{0}: use Auto or at least 0.5 GB, up to the installed RAM.</source>
        <translation>{0}：请选择“自动”，或填写 0.5 GB 到已安装内存之间的值。</translation>
    </message>
    <message>
        <source>{0}: use the system size or 6 to 72 points.</source>
        <translation>{0}：请使用系统字号，或 6 到 72 磅。</translation>
    </message>
    <message>
        <source>{0}: this value is not allowed.</source>
        <translation>{0}：不允许使用此值。</translation>
    </message>
</context>
<context>
    <name>SharingPage</name>
    <message>
        <source>Sharing</source>
        <translation>共享</translation>
    </message>
    <message>
        <source>Share this model on the network</source>
        <translation>在网络上共享此模型</translation>
    </message>
    <message>
        <source>Other programs and colleagues&apos; ThinkDesk can use the open model through an OpenAI-compatible address. Answers queue: one at a time.</source>
        <translation>其他程序和同事的 ThinkDesk 可以通过兼容 OpenAI 的地址使用当前打开的模型。回答依次排队，一次一个。</translation>
    </message>
    <message>
        <source>Who can connect</source>
        <translation>谁可以连接</translation>
    </message>
    <message>
        <source>Other computers on this network</source>
        <translation>此网络上的其他电脑</translation>
    </message>
    <message>
        <source>Off: only programs on this PC. On: anyone who can reach this PC.</source>
        <translation>关闭：仅限本机上的程序。打开：任何能访问本机的人。</translation>
    </message>
    <message>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Default: 8080. Change it if another program uses that port.</source>
        <translation>默认：8080。如果其他程序占用了该端口，请更改。</translation>
    </message>
    <message>
        <source>No key</source>
        <translation>无密钥</translation>
    </message>
    <message>
        <source>Access key</source>
        <translation>访问密钥</translation>
    </message>
    <message>
        <source>Colleagues enter this key in their program. Recommended on a network.</source>
        <translation>同事在他们的程序中输入此密钥。在网络上共享时建议设置。</translation>
    </message>
    <message>
        <source>Make a new key</source>
        <translation>生成新密钥</translation>
    </message>
    <message>
        <source>Address to give</source>
        <translation>提供给同事的地址</translation>
    </message>
    <message>
        <source>Sharing is off.</source>
        <translation>共享已关闭。</translation>
    </message>
    <message>
        <source>Share without a key?</source>
        <translation>不设密钥就共享？</translation>
    </message>
    <message>
        <source>Anyone who can reach this PC on the network will be able to use the model (not your chats). Share without an access key?</source>
        <translation>网络上任何能访问本机的人都可以使用此模型（但看不到您的聊天）。不设访问密钥就共享吗？</translation>
    </message>
</context>
<context>
    <name>SharingService</name>
    <message>
        <source>Sharing could not start: port {0} is in use or not allowed. Choose another port in Settings.</source>
        <translation>无法开始共享：端口 {0} 已被占用或不允许使用。请在设置中选择其他端口。</translation>
    </message>
</context>
<context>
    <name>Sources</name>
    <message>
        <source>Auto (try each source in turn)</source>
        <translation>自动（依次尝试各个来源）</translation>
    </message>
    <message>
        <source>Hugging Face mirror</source>
        <translation>Hugging Face 镜像</translation>
    </message>
</context>
<context>
    <name>StarterPanel</name>
    <message>
        <source>What shall we work out?</source>
        <translation>今天想解决什么问题？</translation>
    </message>
    <message>
        <source>Ask anything below, or try one of these:</source>
        <translation>在下方输入任何问题，或者试试这些：</translation>
    </message>
    <message>
        <source>Chickens and rabbits share a cage: 35 heads and 94 feet in all. How many of each are there?</source>
        <translation>鸡兔同笼：共有35个头，94只脚，鸡和兔各有多少只？</translation>
    </message>
    <message>
        <source>If today is Wednesday, what day of the week will it be in 100 days?</source>
        <translation>如果今天是星期三，100天后是星期几？</translation>
    </message>
    <message>
        <source>Prove that the square of any odd number, minus 1, is divisible by 8.</source>
        <translation>证明：任何奇数的平方减1都能被8整除。</translation>
    </message>
    <message>
        <source>Write a Python function that checks whether a string is a palindrome, ignoring case and punctuation.</source>
        <translation>写一个 Python 函数，判断一个字符串是否为回文（忽略大小写和标点）。</translation>
    </message>
</context>
<context>
    <name>StorageBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>关闭提示</translation>
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
        <translation>思考中… {0} 个 token · {1:.1f} token/秒</translation>
    </message>
    <message>
        <source>Answering… {0} tokens · {1:.1f} tokens/s</source>
        <translation>回答中… {0} 个 token · {1:.1f} token/秒</translation>
    </message>
</context>
<context>
    <name>SystemDialog</name>
    <message>
        <source>System</source>
        <translation>系统</translation>
    </message>
    <message>
        <source>This computer</source>
        <translation>这台电脑</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{0} (free space unknown)</source>
        <translation>{0}（可用空间未知）</translation>
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
        <translation>处理器</translation>
    </message>
    <message>
        <source>Cores</source>
        <translation>核心</translation>
    </message>
    <message>
        <source>{0} physical, {1} logical</source>
        <translation>{0} 个物理核心，{1} 个逻辑核心</translation>
    </message>
    <message>
        <source>Instruction sets</source>
        <translation>指令集</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>{0} installed, {1} free now</source>
        <translation>已安装 {0}，当前空闲 {1}</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>模型文件夹</translation>
    </message>
    <message>
        <source>Lockable memory</source>
        <translation>可锁定内存</translation>
    </message>
    <message>
        <source>Operating system</source>
        <translation>操作系统</translation>
    </message>
    <message>
        <source>llama.cpp uses</source>
        <translation>llama.cpp 使用</translation>
    </message>
    <message>
        <source>not available</source>
        <translation>不可用</translation>
    </message>
    <message>
        <source>Recommendation</source>
        <translation>推荐</translation>
    </message>
    <message>
        <source>fast</source>
        <translation>快</translation>
    </message>
    <message>
        <source>comfortable</source>
        <translation>流畅</translation>
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
        <translation>预计速度：{0}，每秒约 {1:g}–{2:g} 个 token。</translation>
    </message>
    <message>
        <source>Copy report</source>
        <translation>复制报告</translation>
    </message>
    <message>
        <source>With {0} GB of RAM and {1} cores the 7B model fits and reasons noticeably better than the 1.5B.</source>
        <translation>这台电脑有 {0} GB 内存和 {1} 个核心，可以运行 7B 模型，它的推理能力明显优于 1.5B。</translation>
    </message>
    <message>
        <source>The 7B model would fit in {0} GB of RAM, but with {1} cores it would answer very slowly; the 1.5B is the practical choice.</source>
        <translation>7B 模型可以放进 {0} GB 内存，但只有 {1} 个核心时回答会非常慢；1.5B 是更实用的选择。</translation>
    </message>
    <message>
        <source>With {0} GB of RAM the 1.5B model leaves room for your other programs; the 7B model needs 12 GB or more.</source>
        <translation>在 {0} GB 内存下，1.5B 模型能给其他程序留出空间；7B 模型需要 12 GB 或更多内存。</translation>
    </message>
    <message>
        <source>This processor lacks AVX2, so expect about a third of the speed.</source>
        <translation>此处理器不支持 AVX2，速度大约只有正常的三分之一。</translation>
    </message>
</context>
<context>
    <name>UserMessageView</name>
    <message>
        <source>Your message</source>
        <translation>你的消息</translation>
    </message>
</context>
</TS>
