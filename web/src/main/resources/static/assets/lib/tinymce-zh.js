// Chinese words for the part of TinyMCE 6's interface the editors' console shows (lib/richtext.js): TinyMCE's
// language packs are not in its npm package (nor so in the WebJar), so the console carries its own, for its toolbar,
// its dialogs (link, image, table) and its messages. A string missing here shows in English; the keys are TinyMCE's
// own English texts, exactly.
export const ZH_CN = {
  // Toolbar, formats, status bar
  Undo: '撤销', Redo: '重做', Blocks: '段落格式', Formats: '格式', Paragraph: '正文', 'Heading 2': '二级标题',
  'Heading 3': '三级标题', 'Heading 4': '四级标题', Pre: '代码块', 'Block {0}': '段落格式 {0}',
  Bold: '加粗', Italic: '斜体', Underline: '下划线', Strikethrough: '删除线', Superscript: '上标', Subscript: '下标',
  Code: '代码', Blockquote: '引用', 'Bullet list': '无序列表', 'Numbered list': '有序列表',
  'Horizontal line': '分隔线', 'Clear formatting': '清除格式', 'Reveal or hide additional toolbar items': '显示或隐藏更多工具',
  'More...': '更多…', Toolbar: '工具栏', '{0} words': '{0} 词', '{0} characters': '{0} 字', 'Word count': '字数统计',
  Words: '词数', Characters: '字符数', 'Characters (no spaces)': '字符数(不含空格)', Document: '全文', Selection: '选中内容',
  Count: '统计', 'Rich Text Area': '富文本编辑区', 'Rich Text Area. Press ALT-0 for help.': '富文本编辑区。按 Alt+F10 进入工具栏。',
  'Loading...': '正在加载…', Resize: '调整大小',
  // Dialogs and their buttons
  OK: '确定', Cancel: '取消', Save: '保存', Close: '关闭', Yes: '是', No: '否', Remove: '删除', General: '常规',
  Advanced: '高级', None: '无', Source: '地址', Title: '标题', Width: '宽', Height: '高',
  'Constrain proportions': '保持比例', Copy: '复制', Cut: '剪切', Paste: '粘贴', 'Select all': '全选',
  // Links
  Link: '链接', 'Link...': '链接…', 'Insert/edit link': '插入或编辑链接', 'Insert/Edit Link': '插入或编辑链接',
  'Text to display': '显示文字', URL: '网址', 'Open link': '打开链接', 'Remove link': '移除链接',
  'Open link in...': '打开方式', 'Current window': '当前窗口', 'New window': '新窗口', 'Link list': '链接列表',
  Anchors: '锚点', 'Browse links': '浏览链接',
  'The URL you entered seems to be an email address. Do you want to add the required mailto: prefix?':
    '你输入的网址看起来是邮箱地址,要加上 mailto: 前缀吗?',
  'The URL you entered seems to be an external link. Do you want to add the required https:// prefix?':
    '你输入的网址看起来是外部链接,要加上 https:// 前缀吗?',
  // Images
  Image: '图片', 'Image...': '图片…', 'Insert/edit image': '插入或编辑图片', 'Insert/Edit Image': '插入或编辑图片',
  'Alternative description': '替代文字(供读屏软件朗读)', 'Image is decorative': '装饰性图片(无需替代文字)',
  Accessibility: '无障碍', 'Image title': '图片标题', Caption: '图注', 'Show caption': '显示图注', Upload: '上传',
  'Browse for an image': '选择图片文件', 'Drop an image here': '把图片拖到这里', 'Browse files': '选择文件',
  'Image uploading...': '图片上传中…', 'Uploading image': '正在上传图片', 'Failed to upload image': '图片上传失败',
  'Failed to upload image: {0}': '图片上传失败:{0}', 'Dropped file type is not supported': '不支持拖入这种类型的文件',
  // Tables
  Table: '表格', 'Insert table': '插入表格', 'Table properties': '表格属性', 'Delete table': '删除表格',
  '{0} columns, {1} rows': '{0} 列 × {1} 行', Row: '行', Column: '列', Cell: '单元格', Rows: '行数', Cols: '列数',
  'Insert row before': '在上方插入行', 'Insert row after': '在下方插入行', 'Delete row': '删除行',
  'Insert column before': '在左侧插入列', 'Insert column after': '在右侧插入列', 'Delete column': '删除列',
  'Cut row': '剪切行', 'Copy row': '复制行', 'Paste row before': '粘贴到上方', 'Paste row after': '粘贴到下方',
  'Cut column': '剪切列', 'Copy column': '复制列', 'Paste column before': '粘贴到左侧', 'Paste column after': '粘贴到右侧',
  'Merge cells': '合并单元格', 'Split cell': '拆分单元格', 'Cell properties': '单元格属性', 'Row properties': '行属性',
  'Row header': '行标题', 'Column header': '列标题', 'Header cell': '标题单元格', 'Table caption': '表格标题',
  Header: '表头', Body: '表体', Footer: '表尾', 'Row type': '行类型', 'Cell type': '单元格类型', Scope: '范围',
  'Header row': '标题行', 'Header column': '标题列',
};
