<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>AdminErrorDialog</name>
    <message>
        <location filename="../../app/ui/admin/errors.py" line="24"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/errors.py" line="32"/>
        <source>At least %1 characters are needed.</source>
        <translation>至少需要 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>AdminLabels</name>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="42"/>
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="42"/>
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="43"/>
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="43"/>
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="44"/>
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="44"/>
        <source>Feedback</source>
        <translation>服务反馈</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="45"/>
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="45"/>
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="46"/>
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="46"/>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="47"/>
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="47"/>
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="51"/>
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="51"/>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="51"/>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="52"/>
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="52"/>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="53"/>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="53"/>
        <source>Approve</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="57"/>
        <source>Own records</source>
        <translation>本人记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="57"/>
        <source>Team&apos;s records</source>
        <translation>团队记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="58"/>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="63"/>
        <source>You cannot do this to your own account.</source>
        <translation>不能对自己的账户执行此操作。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="64"/>
        <source>At least one active administrator with full administration rights must remain.</source>
        <translation>必须保留至少一名拥有全部管理权限的有效管理员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="66"/>
        <source>This user has written records or owns customers, so the account cannot be deleted. Disable it instead.</source>
        <translation>该用户已录入过记录或负责客户，不能删除账户，请改为停用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="68"/>
        <source>This password is too common or equals the user name; choose another.</source>
        <translation>该密码过于常见或与用户名相同，请另选一个。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="70"/>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="71"/>
        <source>One of the chosen roles no longer exists.</source>
        <translation>所选角色中有一个已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="72"/>
        <source>The chosen department no longer exists.</source>
        <translation>所选部门已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="73"/>
        <source>Unknown right.</source>
        <translation>未知权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="74"/>
        <source>Unknown record scope.</source>
        <translation>未知的记录范围。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="75"/>
        <source>It is still in use; remove its members first.</source>
        <translation>仍在使用中，请先移除其成员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="76"/>
        <source>This name is already used.</source>
        <translation>该名称已被使用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="77"/>
        <source>Use letters, digits and _ only.</source>
        <translation>只能使用字母、数字和 _。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="78"/>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../app/ui/admin/page.py" line="29"/>
        <source>You do not have the right to view the administration.</source>
        <translation>您没有查看系统管理的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="40"/>
        <source>&amp;Users</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="41"/>
        <source>&amp;Roles</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="42"/>
        <source>&amp;Departments</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="43"/>
        <source>&amp;Security</source>
        <translation>安全(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AuditDetail</name>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="38"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="38"/>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="39"/>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="58"/>
        <source>Choose an entry to see what it changed.</source>
        <translation>选择一条记录以查看其修改内容。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="63"/>
        <source>No. %1 · %2 · %3 · %4 · %5 %6</source>
        <translation>第 %1 条 · %2 · %3 · %4 · %5 %6</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="46"/>
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="47"/>
        <source>All record types</source>
        <translation>全部记录类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="49"/>
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="51"/>
        <source>&amp;From</source>
        <translation>从(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="52"/>
        <source>&amp;To</source>
        <translation>到(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="57"/>
        <source>A record&apos;s code (C000123), a user name or text in the changes</source>
        <translation>记录编号（如 C000123）、用户名或修改内容中的文字</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="65"/>
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="73"/>
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="74"/>
        <source>&amp;Record type</source>
        <translation>记录类型(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="75"/>
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="84"/>
        <source>Te&amp;xt</source>
        <translation>文本(&amp;X)</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../../app/ui/audit/model.py" line="156"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="158"/>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="159"/>
        <source>; </source>
        <translation>；</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="166"/>
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="166"/>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="166"/>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="166"/>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="167"/>
        <source>Record type</source>
        <translation>记录类型</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="167"/>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="167"/>
        <source>Changes</source>
        <translation>修改内容</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <location filename="../../app/ui/audit/page.py" line="64"/>
        <source>You do not have the right to view the audit log.</source>
        <translation>您没有查看审计日志的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="111"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="113"/>
        <source>&amp;Verify chain</source>
        <translation>校验日志链(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="115"/>
        <source>E&amp;xport to Excel...</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="119"/>
        <source>You do not have the right to export the audit log.</source>
        <translation>您没有导出审计日志的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="192"/>
        <source>%1 entries</source>
        <translation>%1 条记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="235"/>
        <source>Verifying...</source>
        <translation>正在校验……</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="243"/>
        <source>Chain intact: %1 entries checked.</source>
        <translation>日志链完整：已校验 %1 条记录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="247"/>
        <source>Chain broken at entry %1: %2</source>
        <translation>日志链在第 %1 条处断开：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="259"/>
        <source>an entry is missing or out of order</source>
        <translation>有记录缺失或顺序错乱</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="260"/>
        <source>the link to the previous entry is broken</source>
        <translation>与上一条记录的链接已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="262"/>
        <source>its content was changed after it was written</source>
        <translation>记录写入后内容被修改过</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="268"/>
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="279"/>
        <source>Exporting the audit log...</source>
        <translation>正在导出审计日志……</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="294"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="297"/>
        <source>Exported %1 entries to %2.</source>
        <translation>已将 %1 条记录导出到 %2。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>ChangePasswordDialog</name>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="43"/>
        <location filename="../../app/ui/password_dialog.py" line="49"/>
        <source>Change your password</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="51"/>
        <source>An administrator reset your password. Choose a new one to continue.</source>
        <translation>管理员已重置您的密码。请设置新密码后继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="53"/>
        <source>Choose a new password for %1.</source>
        <translation>为 %1 设置新密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="67"/>
        <source>&amp;Current password:</source>
        <translation>当前密码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="69"/>
        <source>&amp;New password:</source>
        <translation>新密码(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="71"/>
        <source>&amp;Repeat new password:</source>
        <translation>确认新密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="75"/>
        <source>&amp;Change password</source>
        <translation>修改密码(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="77"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="119"/>
        <source>At least %1 characters; not a common password or your user name.</source>
        <translation>至少 %1 个字符；不能是常见密码或您的用户名。</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="133"/>
        <source>The two new passwords are not the same.</source>
        <translation>两次输入的新密码不一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="165"/>
        <source>Too short: use at least %1 characters.</source>
        <translation>太短：至少需要 %1 个字符。</translation>
    </message>
    <message>
        <location filename="../../app/ui/password_dialog.py" line="168"/>
        <source>Too long: use at most %1 characters.</source>
        <translation>太长：最多 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>ConflictDialog</name>
    <message>
        <location filename="../../app/ui/customers/conflict_dialog.py" line="31"/>
        <source>Changed by another user</source>
        <translation>已被其他用户修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/conflict_dialog.py" line="37"/>
        <source>&amp;Reload and re-apply my edits</source>
        <translation>重新加载并重新应用我的修改(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/conflict_dialog.py" line="39"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/conflict_dialog.py" line="54"/>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/conflict_dialog.py" line="54"/>
        <source>Your value</source>
        <translation>您的值</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/conflict_dialog.py" line="55"/>
        <source>Their value</source>
        <translation>对方的值</translation>
    </message>
    <message>
        <source>%1 saved this %3 at %2, after you opened it. Nothing of yours was saved yet.
Rows in bold were changed by both of you.</source>
        <translation>%1 在您打开此%3之后于 %2 保存了它。您的修改尚未保存。
粗体的行是你们两人都修改过的。</translation>
    </message>
</context>
<context>
    <name>ContactsTab</name>
    <message>
        <location filename="../../app/ui/customers/contacts_tab.py" line="58"/>
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/contacts_tab.py" line="59"/>
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/contacts_tab.py" line="60"/>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/contacts_tab.py" line="61"/>
        <source>Set &amp;primary</source>
        <translation>设为主要(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/contacts_tab.py" line="149"/>
        <source>Remove contact</source>
        <translation>删除联系人</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/contacts_tab.py" line="150"/>
        <source>Remove the contact %1?</source>
        <translation>删除联系人 %1？</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>查看(&amp;O)…</translation>
    </message>
    <message>
        <source>E&amp;xport...</source>
        <translation>导出(&amp;X)…</translation>
    </message>
    <message>
        <source>Export the contacts</source>
        <translation>导出联系人</translation>
    </message>
    <message>
        <source>Exporting the contacts to %1...</source>
        <translation>正在导出联系人到 %1……</translation>
    </message>
</context>
<context>
    <name>Cover</name>
    <message>
        <location filename="../../app/ui/lock/cover.py" line="17"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <location filename="../../app/ui/customers/form.py" line="70"/>
        <source>C&amp;ontacts</source>
        <translation>联系人(&amp;O)</translation>
    </message>
    <message>
        <source>(nobody)</source>
        <translation>（无）</translation>
    </message>
</context>
<context>
    <name>DatabaseWords</name>
    <message>
        <source>Database busy</source>
        <translation>数据库忙</translation>
    </message>
    <message>
        <source>Database unavailable</source>
        <translation>数据库不可用</translation>
    </message>
    <message>
        <source>Another program is using the database and holds it locked. Try again when it has finished.</source>
        <translation>另一个程序正在使用数据库并将其锁定。请等它完成后再试。</translation>
    </message>
    <message>
        <source>The database server refused the login. Check the user name and password in the database URL (KEHU_DATABASE_URL or kehu.toml).</source>
        <translation>数据库服务器拒绝登录。请检查数据库 URL（KEHU_DATABASE_URL 或 kehu.toml）中的用户名和密码。</translation>
    </message>
    <message>
        <source>The database server cannot be reached. Check that the server is running and the network works, then try again.</source>
        <translation>无法连接数据库服务器。请确认服务器正在运行、网络正常，然后重试。</translation>
    </message>
    <message>
        <source>The database does not exist. Check the database name in the URL.</source>
        <translation>数据库不存在。请检查 URL 中的数据库名称。</translation>
    </message>
    <message>
        <source>The database server reported an error. Try again; if it keeps failing, ask the database administrator.</source>
        <translation>数据库服务器报告了错误。请重试；如果仍然失败，请联系数据库管理员。</translation>
    </message>
    <message>
        <source>The database&apos;s folder does not exist. Create the folder, or correct the path.</source>
        <translation>数据库所在的文件夹不存在。请先创建该文件夹，或更正路径。</translation>
    </message>
    <message>
        <source>The database file cannot be opened or written. Check the path and that you may read and write the file and its folder.</source>
        <translation>无法打开或写入数据库文件。请检查路径，以及您是否有权读写该文件及其所在文件夹。</translation>
    </message>
    <message>
        <source>The file is not a Kehu database. Check the path; if it was one, restore a backup copy (kehu.backup-*.db beside it).</source>
        <translation>该文件不是本系统的数据库。请检查路径；如果它原本是，请恢复备份副本（同一文件夹中的 kehu.backup-*.db）。</translation>
    </message>
    <message>
        <source>The backup copy could not be written before the upgrade; the database was not changed. Free some disk space or check the folder&apos;s permissions.</source>
        <translation>升级前无法写入备份副本，数据库未作任何更改。请释放磁盘空间或检查文件夹的权限。</translation>
    </message>
    <message>
        <source>The settings file kehu.toml cannot be read. Correct it or remove it.</source>
        <translation>无法读取设置文件 kehu.toml。请更正或删除该文件。</translation>
    </message>
    <message>
        <source>The database URL is not valid.</source>
        <translation>数据库 URL 无效。</translation>
    </message>
    <message>
        <source>The database URL names a kind of database Kehu does not know (it works with SQLite, PostgreSQL and SQL Server).</source>
        <translation>数据库 URL 指定了不支持的数据库类型（支持 SQLite、PostgreSQL 和 SQL Server）。</translation>
    </message>
    <message>
        <source>The driver for this database is not installed.</source>
        <translation>此数据库的驱动程序未安装。</translation>
    </message>
    <message>
        <source>The database cannot be used.</source>
        <translation>无法使用数据库。</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="29"/>
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="30"/>
        <source>Edit department</source>
        <translation>编辑部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="36"/>
        <source>(no manager)</source>
        <translation>（无经理）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="44"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="45"/>
        <source>&amp;Manager:</source>
        <translation>经理(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>DepartmentsTab</name>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="53"/>
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="53"/>
        <source>Manager</source>
        <translation>经理</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="54"/>
        <source>Members</source>
        <translation>成员</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="66"/>
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="67"/>
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="68"/>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="170"/>
        <source>Delete department</source>
        <translation>删除部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="171"/>
        <source>Delete the department %1?</source>
        <translation>删除部门 %1？</translation>
    </message>
</context>
<context>
    <name>DuplicatePrompt</name>
    <message>
        <location filename="../../app/ui/customers/duplicate_prompt.py" line="21"/>
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/duplicate_prompt.py" line="25"/>
        <source>... and %1 more</source>
        <translation>……另有 %1 个</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/duplicate_prompt.py" line="28"/>
        <source>&amp;Save anyway</source>
        <translation>仍然保存(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/customers/duplicate_prompt.py" line="30"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>These %1 look like the one you are saving:</source>
        <translation>以下%1与您要保存的相似：</translation>
    </message>
    <message>
        <source>Save this %1 anyway?</source>
        <translation>仍然保存此%1吗？</translation>
    </message>
    <message>
        <source>A %1 with this %2 already exists that you cannot see; ask your manager.</source>
        <translation>已有%2相同的%1，但您无权查看；请询问您的经理。</translation>
    </message>
</context>
<context>
    <name>ErrorDialog</name>
    <message>
        <location filename="../../app/ui/errors.py" line="49"/>
        <source>Please check your input</source>
        <translation>请检查输入</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="51"/>
        <source>Not allowed</source>
        <translation>无权操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="52"/>
        <source>You do not have the right to do this (%1.%2). Ask an administrator.</source>
        <translation>您没有执行此操作的权限（%1.%2）。请联系管理员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="55"/>
        <source>Not found</source>
        <translation>未找到</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="56"/>
        <source>This record no longer exists; another user may have removed it.</source>
        <translation>该记录已不存在，可能已被其他用户删除。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="58"/>
        <source>Changed by another user</source>
        <translation>已被其他用户修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="59"/>
        <source>%1 changed this record in the meantime. Nothing was saved; reload it and make your change again.</source>
        <translation>%1 在此期间修改了该记录。未保存任何内容；请重新加载后再修改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="62"/>
        <source>Sign-in failed</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="64"/>
        <source>Possible duplicate</source>
        <translation>可能重复</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="66"/>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="67"/>
        <source>Something went wrong: %1</source>
        <translation>出现问题：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/errors.py" line="73"/>
        <source>The input is not valid.</source>
        <translation>输入无效。</translation>
    </message>
    <message>
        <source>A similar record already exists.</source>
        <translation>已存在相似的记录。</translation>
    </message>
</context>
<context>
    <name>ExportWords</name>
    <message>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <source>Exported %1 rows to %2.</source>
        <translation>已导出 %1 行到 %2。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>FieldSet</name>
    <message>
        <location filename="../../app/ui/field_set.py" line="172"/>
        <source>Yes</source>
        <translation>是</translation>
    </message>
    <message>
        <location filename="../../app/ui/field_set.py" line="172"/>
        <source>No</source>
        <translation>否</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../app/ui/first_admin_dialog.py" line="36"/>
        <source>Kehu - First start</source>
        <translation>客户 - 首次启动</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_admin_dialog.py" line="41"/>
        <source>Welcome to Kehu</source>
        <translation>欢迎使用客户管理系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_admin_dialog.py" line="43"/>
        <source>This database has no users yet. Create the administrator account; it can then add everyone else.</source>
        <translation>此数据库还没有用户。请创建管理员账户，之后由管理员添加其他用户。</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_admin_dialog.py" line="62"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_admin_dialog.py" line="68"/>
        <source>&amp;Create and sign in</source>
        <translation>创建并登录(&amp;C)</translation>
    </message>
    <message>
        <location filename="../../app/ui/first_admin_dialog.py" line="80"/>
        <source>The two passwords differ.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Display name:</source>
        <translation>姓名(&amp;D)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Loading...</source>
        <translation>正在加载……</translation>
    </message>
    <message>
        <source>The history could not be read.</source>
        <translation>无法读取历史记录。</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <source>No history recorded.</source>
        <translation>没有历史记录。</translation>
    </message>
    <message>
        <source>History: %1</source>
        <translation>历史记录：%1</translation>
    </message>
    <message>
        <source>%1 changes, newest first.</source>
        <translation>%1 条修改，最新的在前。</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>en</source>
        <translation>zh_CN</translation>
    </message>
</context>
<context>
    <name>LockDialog</name>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="38"/>
        <source>Kehu - Locked</source>
        <translation>客户信息管理 - 已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="44"/>
        <source>Locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="46"/>
        <source>Kehu was locked because it was not used for a while. Enter your password to continue.</source>
        <translation>由于一段时间未操作，系统已锁定。请输入密码继续。</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="67"/>
        <source>User:</source>
        <translation>用户：</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="60"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="70"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="72"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/lock/dialog.py" line="92"/>
        <source>Enter your password.</source>
        <translation>请输入密码。</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="36"/>
        <source>Kehu - Sign in</source>
        <translation>客户信息管理 - 登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="42"/>
        <source>Kehu customer information</source>
        <translation>客户信息管理系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="56"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="61"/>
        <source>&amp;Sign in</source>
        <translation>登录(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/login_dialog.py" line="77"/>
        <source>Enter your user name and password.</source>
        <translation>请输入用户名和密码。</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="52"/>
        <source>Kehu customer information</source>
        <translation>客户信息管理系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="67"/>
        <source>Search name, code, pinyin, phone, contact... (Ctrl+F)</source>
        <translation>搜索名称、编号、拼音、电话、联系人……（Ctrl+F）</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="85"/>
        <source>&amp;Find</source>
        <translation>查找(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="87"/>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="89"/>
        <source>&amp;Settings...</source>
        <translation>设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="92"/>
        <source>Change &amp;password...</source>
        <translation>修改密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="94"/>
        <source>Sign &amp;out</source>
        <translation>退出登录(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="95"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="99"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="105"/>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="106"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="107"/>
        <source>&amp;About Kehu</source>
        <translation>关于 Kehu(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="108"/>
        <source>Main</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="178"/>
        <source>User: %1</source>
        <translation>用户：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="181"/>
        <source>Database: %1</source>
        <translation>数据库：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="266"/>
        <source>Your password was changed.</source>
        <translation>密码已修改。</translation>
    </message>
    <message>
        <location filename="../../app/ui/main_window.py" line="273"/>
        <source>About Kehu</source>
        <translation>关于 Kehu</translation>
    </message>
    <message>
        <source>New</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Kehu customer information manager, version %1.
Signed in as %2.
Database: %3
Python %4, PySide6 %5.</source>
        <translation>客户信息管理系统，版本 %1。
当前用户：%2。
数据库：%3
Python %4，PySide6 %5。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <location filename="../../app/ui/messages.py" line="32"/>
        <source>This field is required.</source>
        <translation>此项为必填项。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="33"/>
        <source>This text is too long.</source>
        <translation>文本太长。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="34"/>
        <source>This text is too short.</source>
        <translation>文本太短。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="35"/>
        <source>Remove the control characters.</source>
        <translation>请删除控制字符。</translation>
    </message>
    <message>
        <source>Remove the invisible or direction-changing characters.</source>
        <translation>请删除不可见字符或改变文字方向的字符。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="36"/>
        <source>Not a valid e-mail address.</source>
        <translation>电子邮件地址无效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="37"/>
        <source>Not a valid phone number.</source>
        <translation>电话号码无效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="38"/>
        <source>Not a valid postal code.</source>
        <translation>邮政编码无效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="39"/>
        <source>Not a valid web address.</source>
        <translation>网址无效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="40"/>
        <source>Not a valid unified social credit code (check digit).</source>
        <translation>统一社会信用代码无效（校验位错误）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="41"/>
        <source>Enter a unified social credit code or tax ID.</source>
        <translation>请输入统一社会信用代码或税号。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="42"/>
        <source>Use letters, digits, - and _ (at most 20).</source>
        <translation>只能使用字母、数字、- 和 _（最多 20 个）。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="43"/>
        <source>Enter a date like 1990-05-31.</source>
        <translation>请输入日期，例如 1990-05-31。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="44"/>
        <source>Choose one of the listed values.</source>
        <translation>请从列表中选择。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="45"/>
        <source>Use letters, digits and . _ - @ only.</source>
        <translation>只能使用字母、数字和 . _ - @。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="46"/>
        <source>Must not be negative.</source>
        <translation>不能为负数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="47"/>
        <source>Enter an amount like 50000.00.</source>
        <translation>请输入金额，例如 50000.00。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="48"/>
        <source>Enter a whole number.</source>
        <translation>请输入整数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="49"/>
        <source>Choose yes or no.</source>
        <translation>请选择是或否。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="50"/>
        <source>The number is out of range.</source>
        <translation>数值超出范围。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="51"/>
        <source>At most two decimal places.</source>
        <translation>最多两位小数。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="52"/>
        <source>The amount is too large.</source>
        <translation>金额太大。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="53"/>
        <source>This code is already used.</source>
        <translation>该编号已被使用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="54"/>
        <source>This user name is already taken.</source>
        <translation>该用户名已被占用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="55"/>
        <source>Not an active user.</source>
        <translation>不是有效用户。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="56"/>
        <source>Unknown field.</source>
        <translation>未知字段。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="57"/>
        <source>Nothing to change.</source>
        <translation>没有需要修改的内容。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="58"/>
        <source>This name is already used.</source>
        <translation>该名称已被使用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="59"/>
        <source>This password is too common; choose another.</source>
        <translation>该密码过于常见，请另选一个。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="60"/>
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="61"/>
        <source>This is not your current password.</source>
        <translation>这不是您当前的密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="62"/>
        <source>Still in use.</source>
        <translation>仍在使用中。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="63"/>
        <source>The last administrator cannot be removed.</source>
        <translation>不能移除最后一名管理员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="64"/>
        <source>You cannot do this to your own account.</source>
        <translation>不能对自己的账户执行此操作。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="65"/>
        <source>Unknown role.</source>
        <translation>未知角色。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="66"/>
        <source>Unknown right.</source>
        <translation>未知权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="67"/>
        <source>Not a valid record scope.</source>
        <translation>记录范围无效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="68"/>
        <source>Unknown department.</source>
        <translation>未知部门。</translation>
    </message>
    <message>
        <location filename="../../app/ui/messages.py" line="76"/>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Rights</source>
        <translation>权限</translation>
    </message>
    <message>
        <source>Record scope</source>
        <translation>记录范围</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>记录</translation>
    </message>
    <message>
        <source>Current password</source>
        <translation>当前密码</translation>
    </message>
    <message>
        <source>No such customer.</source>
        <translation>没有这个客户。</translation>
    </message>
    <message>
        <source>Only active users with a sales role can own customers.</source>
        <translation>只有拥有销售角色的在用用户才能负责客户。</translation>
    </message>
    <message>
        <source>This field cannot be changed.</source>
        <translation>此字段不能修改。</translation>
    </message>
    <message>
        <source>This value is already used.</source>
        <translation>此值已被使用。</translation>
    </message>
    <message>
        <source>A record with this key exists already (choose skip or update).</source>
        <translation>已有此编号的记录（可选择跳过或更新）。</translation>
    </message>
    <message>
        <source>May be a duplicate of an existing record (the same name, phone or tax ID).</source>
        <translation>可能与已有记录重复（名称、电话或税号相同）。</translation>
    </message>
    <message>
        <source>Changed in Kehu since the export as well: not overwritten.</source>
        <translation>导出后系统中也已修改此项：未覆盖。</translation>
    </message>
    <message>
        <source>This database already has users.</source>
        <translation>此数据库已有用户。</translation>
    </message>
    <message>
        <source>This database already has the demo users.</source>
        <translation>此数据库已有演示用户。</translation>
    </message>
    <message>
        <source>This user has written records; disable the account instead.</source>
        <translation>此用户已写入过记录；请改为停用该账户。</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
</context>
<context>
    <name>ProgressDialog</name>
    <message>
        <location filename="../../app/ui/progress.py" line="21"/>
        <source>Please wait</source>
        <translation>请稍候</translation>
    </message>
    <message>
        <location filename="../../app/ui/progress.py" line="23"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>O&amp;verview</source>
        <translation>概览(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>详细信息(&amp;D)</translation>
    </message>
    <message>
        <source>Save (Enter or Ctrl+S)</source>
        <translation>保存（Enter 或 Ctrl+S）</translation>
    </message>
    <message>
        <source>&amp;History...</source>
        <translation>历史记录(&amp;H)…</translation>
    </message>
    <message>
        <source>Opening...</source>
        <translation>正在打开……</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
    <message>
        <source>Please correct the marked fields. Nothing was saved.</source>
        <translation>请更正标出的字段。未保存任何内容。</translation>
    </message>
    <message>
        <source>Reloaded. Your edits are re-applied: check them and save.</source>
        <translation>已重新加载，并重新应用了您的修改：请检查后保存。</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的修改</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>放弃(&amp;D)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fields marked * are required. Enter or Ctrl+S saves.</source>
        <translation>标有 * 的字段为必填项。按 Enter 或 Ctrl+S 保存。</translation>
    </message>
    <message>
        <source>Not saved: another user changed this record.</source>
        <translation>未保存：另一位用户修改了此记录。</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>没有需要保存的修改。</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>已保存 %1。</translation>
    </message>
    <message>
        <source>Save your changes to this %1?</source>
        <translation>保存对此%1的修改吗？</translation>
    </message>
    <message>
        <source>You may look at this %1 but not change it.</source>
        <translation>您可以查看此%1，但不能修改。</translation>
    </message>
    <message>
        <source>New %1[*]</source>
        <translation>新建%1[*]</translation>
    </message>
    <message>
        <source>New %1</source>
        <translation>新建%1</translation>
    </message>
    <message>
        <source>Last changed by %1 at %2 (version %3)</source>
        <translation>最后由 %1 于 %2 修改（版本 %3）</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>Archived too</source>
        <translation>包括已归档</translation>
    </message>
    <message>
        <source>Clear filters</source>
        <translation>清除筛选</translation>
    </message>
    <message>
        <source>Export to Excel...</source>
        <translation>导出到 Excel…</translation>
    </message>
    <message>
        <source>Export to Excel</source>
        <translation>导出到 Excel</translation>
    </message>
    <message>
        <source>You do not have the right to export this list.</source>
        <translation>您没有导出此列表的权限。</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>正在导出到 %1……</translation>
    </message>
    <message>
        <source>All: %1</source>
        <translation>全部%1</translation>
    </message>
    <message>
        <source>No %1 match these filters.</source>
        <translation>没有符合这些筛选条件的%1。</translation>
    </message>
    <message>
        <source>No %1 yet.</source>
        <translation>还没有%1。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>No %1 match “%2”.</source>
        <translation>没有与“%2”匹配的%1。</translation>
    </message>
    <message>
        <source>Remove this filter</source>
        <translation>移除此筛选</translation>
    </message>
    <message>
        <source>Filtered: %1</source>
        <translation>已筛选：%1</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>自 %1 起</translation>
    </message>
    <message>
        <source>up to %1</source>
        <translation>截至 %1</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="28"/>
        <source>Reset password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="29"/>
        <source>The user must choose a new password at the next sign-in.</source>
        <translation>该用户下次登录时必须设置新密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="39"/>
        <source>&amp;Temporary password:</source>
        <translation>临时密码(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="40"/>
        <source>&amp;Repeat:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="43"/>
        <source>New role</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="44"/>
        <source>Copy role %1</source>
        <translation>复制角色 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="48"/>
        <source>letters, digits and _</source>
        <translation>字母、数字和 _</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="55"/>
        <source>Members may own customers</source>
        <translation>成员可负责客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="59"/>
        <source>(no rights)</source>
        <translation>（无权限）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="65"/>
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="74"/>
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="75"/>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="76"/>
        <source>&amp;Description:</source>
        <translation>说明(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="77"/>
        <source>Copy rights &amp;from:</source>
        <translation>从此角色复制权限(&amp;F)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="78"/>
        <source>Sales role:</source>
        <translation>销售角色：</translation>
    </message>
</context>
<context>
    <name>RoleMatrix</name>
    <message>
        <location filename="../../app/ui/admin/role_matrix.py" line="27"/>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_matrix.py" line="31"/>
        <source>Record scope</source>
        <translation>记录范围</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_matrix.py" line="56"/>
        <source>Record scope of %1</source>
        <translation>%1 的记录范围</translation>
    </message>
</context>
<context>
    <name>RolesTab</name>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="71"/>
        <source>&amp;New...</source>
        <translation>新建(&amp;N)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="72"/>
        <source>&amp;Copy...</source>
        <translation>复制(&amp;C)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="73"/>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="93"/>
        <source>Members may own customers</source>
        <translation>成员可负责客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="100"/>
        <source>Sales role:</source>
        <translation>销售角色：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="160"/>
        <source>%1 · sales role</source>
        <translation>%1 · 销售角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="98"/>
        <source>N&amp;ame:</source>
        <translation>名称(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="99"/>
        <source>Desc&amp;ription:</source>
        <translation>说明(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="101"/>
        <source>Members:</source>
        <translation>成员：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="106"/>
        <source>&amp;Save role</source>
        <translation>保存角色(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="108"/>
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="278"/>
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="279"/>
        <source>Delete the role %1?</source>
        <translation>删除角色 %1？</translation>
    </message>
</context>
<context>
    <name>SearchWords</name>
    <message>
        <source>Remove the control characters from the search.</source>
        <translation>请删除搜索内容中的控制字符。</translation>
    </message>
    <message>
        <source>A search may have at most %1 characters and %2 words.</source>
        <translation>搜索内容最多 %1 个字符、%2 个词。</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="58"/>
        <source>%1:</source>
        <translation>%1：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="59"/>
        <source>Changes apply to the next sign-in; every change is recorded in the audit log.</source>
        <translation>修改在下次登录时生效；每次修改都会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="62"/>
        <source>&amp;Save settings...</source>
        <translation>保存设置(&amp;S)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="124"/>
        <source>Nothing to save: no setting was changed.</source>
        <translation>无需保存：没有修改任何设置。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="126"/>
        <source>Save the security settings</source>
        <translation>保存安全设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="137"/>
        <source>%1: %2 → %3</source>
        <translation>%1：%2 → %3</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="140"/>
        <source>Save these changes? They apply from the next sign-in.</source>
        <translation>保存以下修改吗？修改在下次登录时生效。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="145"/>
        <source>Saved at %1.</source>
        <translation>已于 %1 保存。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="154"/>
        <source>Not saved: another administrator changed the settings. Their values are shown.</source>
        <translation>未保存：另一位管理员已修改了设置，现显示其修改后的值。</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../../app/ui/session.py" line="165"/>
        <source>Signed out</source>
        <translation>已退出登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="166"/>
        <source>Your account was disabled or removed, or an administrator reset your password. Kehu cannot continue with this session; sign in again.</source>
        <translation>您的账户已被停用或删除，或管理员重置了您的密码，当前会话无法继续。请重新登录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/session.py" line="170"/>
        <source>Unsaved changes are lost.</source>
        <translation>未保存的修改已丢失。</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="28"/>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="31"/>
        <source>Same as the system</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <location filename="../../app/ui/settings_dialog.py" line="44"/>
        <source>Open customer forms close when the language changes.</source>
        <translation>切换语言时，已打开的客户表单将会关闭。</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
</context>
<context>
    <name>SignInWords</name>
    <message>
        <source>Wrong user name or password.</source>
        <translation>用户名或密码错误。</translation>
    </message>
    <message>
        <source>This account is locked after too many failed sign-ins, until %1. An administrator can unlock it sooner.</source>
        <translation>登录失败次数过多，此账户已被锁定，直到 %1。管理员可以提前解锁。</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="44"/>
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="45"/>
        <source>Edit user %1</source>
        <translation>编辑用户 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="69"/>
        <source>(no department)</source>
        <translation>（无部门）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="72"/>
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="73"/>
        <source>&amp;Display name:</source>
        <translation>姓名(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="75"/>
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="76"/>
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="77"/>
        <source>R&amp;oles:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="78"/>
        <source>D&amp;epartment:</source>
        <translation>部门(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>UsersExport</name>
    <message>
        <location filename="../../app/ui/admin/users_export.py" line="34"/>
        <source>You do not have the right to export the users list.</source>
        <translation>您没有导出用户列表的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_export.py" line="37"/>
        <source>Export the users</source>
        <translation>导出用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_export.py" line="50"/>
        <source>Exporting to %1...</source>
        <translation>正在导出到 %1……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_export.py" line="63"/>
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_export.py" line="64"/>
        <source>Exported %1 users to %2.</source>
        <translation>已将 %1 个用户导出到 %2。</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="79"/>
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="79"/>
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="81"/>
        <source>locked until %1</source>
        <translation>锁定至 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="82"/>
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="84"/>
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="85"/>
        <source>, </source>
        <translation>，</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="94"/>
        <source>Status</source>
        <translation>状态</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="89"/>
        <source>&amp;Add user...</source>
        <translation>添加用户(&amp;A)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="91"/>
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="92"/>
        <source>Reset &amp;password...</source>
        <translation>重置密码(&amp;P)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="94"/>
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="95"/>
        <source>D&amp;isable</source>
        <translation>停用(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="97"/>
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="99"/>
        <source>E&amp;xport to Excel...</source>
        <translation>导出到 Excel(&amp;X)…</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="163"/>
        <source>En&amp;able</source>
        <translation>启用(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="258"/>
        <source>Disable user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="259"/>
        <source>Disable %1? The account can no longer sign in.</source>
        <translation>停用 %1？该账户将无法再登录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="270"/>
        <source>Delete user</source>
        <translation>删除用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="271"/>
        <source>Delete %1 for good? Only an account that never wrote anything can be deleted.</source>
        <translation>永久删除 %1？只有从未录入过任何内容的账户才能删除。</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>OverviewSection</name>
    <message>
        <source>and %1 more</source>
        <translation>另有 %1 条</translation>
    </message>
</context>
<context>
    <name>PrimaryContact</name>
    <message>
        <source>No contact yet</source>
        <translation>尚无联系人</translation>
    </message>
</context>
<context>
    <name>RangeFilter</name>
    <message>
        <source>from</source>
        <translation>从</translation>
    </message>
    <message>
        <source>to</source>
        <translation>至</translation>
    </message>
    <message>
        <source>%1 from (included)</source>
        <translation>%1 起（含）</translation>
    </message>
    <message>
        <source>%1 up to (included)</source>
        <translation>%1 止（含）</translation>
    </message>
    <message>
        <source>The range starts after it ends.</source>
        <translation>范围的起点晚于终点。</translation>
    </message>
    <message>
        <source>Enter a date like 2026-05-31.</source>
        <translation>请输入日期，如 2026-05-31。</translation>
    </message>
    <message>
        <source>Enter an amount like 50000.00.</source>
        <translation>请输入金额，如 50000.00。</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>Search %1...</source>
        <translation>搜索%1…</translation>
    </message>
</context>
<context>
    <name>RoleMatrix</name>
    <message>
        <source>Other rights</source>
        <translation>其他权限</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>The end must not be before the start.</source>
        <translation>结束日期不能早于开始日期。</translation>
    </message>
    <message>
        <source>It is completed or cancelled: reopen it before changing it.</source>
        <translation>已完成或已取消：请先重新打开再修改。</translation>
    </message>
    <message>
        <source>It is not completed or cancelled: nothing to reopen.</source>
        <translation>未完成也未取消：无需重新打开。</translation>
    </message>
</context>
<context>
    <name>ProjectForm</name>
    <message>
        <source>&amp;Reopen</source>
        <translation>重新打开(&amp;R)</translation>
    </message>
    <message>
        <source>Type a customer&apos;s name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
    <message>
        <source>Put the project back in progress so that it can be changed</source>
        <translation>将项目恢复为进行中，以便修改</translation>
    </message>
    <message>
        <source>You do not have the right to reopen projects.</source>
        <translation>您没有重新打开项目的权限。</translation>
    </message>
    <message>
        <source>This project is %1: it is read-only until it is reopened.</source>
        <translation>此项目%1，重新打开之前只能查看。</translation>
    </message>
    <message>
        <source>Reopening...</source>
        <translation>正在重新打开…</translation>
    </message>
    <message>
        <source>Reopened: the project is in progress again.</source>
        <translation>已重新打开：项目恢复为进行中。</translation>
    </message>
</context>
<context>
    <name>ChildRecordsTab</name>
    <message>
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Save the %1 first; then add its %2 here.</source>
        <translation>请先保存%1，然后在此添加%2。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>record</source>
        <translation>记录</translation>
    </message>
</context>
<context>
    <name>OpenProjectsSection</name>
    <message>
        <source>No open projects</source>
        <translation>没有进行中的项目</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>Warning: %1</source>
        <translation>注意：%1</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>No such product.</source>
        <translation>没有这个产品。</translation>
    </message>
    <message>
        <source>This product is inactive: it cannot go on a new order.</source>
        <translation>该产品已停售，不能用于新订单。</translation>
    </message>
    <message>
        <source>This product is archived: it cannot go on a new order.</source>
        <translation>该产品已归档，不能用于新订单。</translation>
    </message>
</context>
<context>
    <name>SupplierForm</name>
    <message>
        <source>C&amp;ontacts</source>
        <translation>联系人(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Products supplied</source>
        <translation>供货产品(&amp;P)</translation>
    </message>
</context>
<context>
    <name>SuppliedProductsTab</name>
    <message>
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Open...</source>
        <translation>查看(&amp;O)…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>删除(&amp;R)</translation>
    </message>
    <message>
        <source>Save the supplier first; then add the products it supplies here.</source>
        <translation>请先保存供应商，然后在此添加其供应的产品。</translation>
    </message>
    <message>
        <source>Remove supplied product</source>
        <translation>删除供货产品</translation>
    </message>
    <message>
        <source>The supplier no longer supplies %1?</source>
        <translation>该供应商不再供应 %1？</translation>
    </message>
</context>
<context>
    <name>SupplyDialog</name>
    <message>
        <source>Type a product&apos;s code or name</source>
        <translation>输入产品编号或名称</translation>
    </message>
</context>
<context>
    <name>ProductSuppliersTab</name>
    <message>
        <source>Save the product first; its suppliers add it on their Products supplied tab.</source>
        <translation>请先保存产品；供应商在其“供货产品”页添加此产品。</translation>
    </message>
    <message>
        <source>Suppliers: %1</source>
        <translation>供应商：%1</translation>
    </message>
    <message>
        <source>No supplier supplies this product yet.</source>
        <translation>尚无供应商供应此产品。</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This supplier supplies this product already.</source>
        <translation>该供应商已供应此产品。</translation>
    </message>
    <message>
        <source>A contact belongs to a customer or a supplier, not both.</source>
        <translation>联系人只属于一个客户或一个供应商，不能同时属于两者。</translation>
    </message>
    <message>
        <source>No such supplier.</source>
        <translation>没有这个供应商。</translation>
    </message>
</context>
<context>
    <name>FieldSet</name>
    <message>
        <source>YYYY-MM-DD HH:MM</source>
        <translation>年-月-日 时:分</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>年-月-日</translation>
    </message>
    <message>
        <source>Enter a date and time like %1.</source>
        <translation>请输入日期和时间，例如 %1。</translation>
    </message>
</context>
<context>
    <name>TimelineSection</name>
    <message>
        <source>The timeline could not be loaded.</source>
        <translation>无法加载时间线。</translation>
    </message>
    <message>
        <source>Nothing on the timeline yet.</source>
        <translation>时间线上还没有内容。</translation>
    </message>
    <message>
        <source>The latest %1 are shown.</source>
        <translation>显示最近的 %1 条。</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Fields marked * are required.</source>
        <translation>标有 * 的字段为必填项。</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>FormMoves</name>
    <message>
        <source>%1: to %2</source>
        <translation>%1：改为%2</translation>
    </message>
    <message>
        <source>%1 is now %2.</source>
        <translation>%1 现在为“%2”。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存……</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>This move is not possible from the record&apos;s state now.</source>
        <translation>记录当前的状态不允许此操作。</translation>
    </message>
    <message>
        <source>This move cannot set this field.</source>
        <translation>此操作不能设置该字段。</translation>
    </message>
</context>
<context>
    <name>ActivitiesPage</name>
    <message>
        <source>&amp;My day</source>
        <translation>我的一天(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Activities</source>
        <translation>活动(&amp;A)</translation>
    </message>
    <message>
        <source>&amp;Visit plan</source>
        <translation>拜访计划(&amp;V)</translation>
    </message>
</context>
<context>
    <name>ActivityForm</name>
    <message>
        <source>Type a customer's name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
</context>
<context>
    <name>FeedbackForm</name>
    <message>
        <source>Type a customer's name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
</context>
<context>
    <name>FeedbackListView</name>
    <message>
        <source>Service levels (SLA)...</source>
        <translation>服务时限 (SLA)…</translation>
    </message>
</context>
<context>
    <name>MyDayPage</name>
    <message>
        <source>&amp;New activity...</source>
        <translation>新建活动(&amp;N)…</translation>
    </message>
    <message>
        <source>Mark &amp;done...</source>
        <translation>标记完成(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>到期</translation>
    </message>
    <message>
        <source>Ticket</source>
        <translation>工单</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>When</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>负责人</translation>
    </message>
    <message>
        <source>My day, %1: %2 due today, %3 overdue</source>
        <translation>我的一天（%1）：今天到期 %2 项，已逾期 %3 项</translation>
    </message>
    <message>
        <source>Nothing here.</source>
        <translation>暂无。</translation>
    </message>
</context>
<context>
    <name>OpenTicketsSection</name>
    <message>
        <source>overdue</source>
        <translation>已逾期</translation>
    </message>
    <message>
        <source>No open tickets</source>
        <translation>没有未结工单</translation>
    </message>
    <message>
        <source>%1 open, %2 overdue</source>
        <translation>未结 %1 张，逾期 %2 张</translation>
    </message>
</context>
<context>
    <name>RecordListView</name>
    <message>
        <source>View</source>
        <translation>视图</translation>
    </message>
</context>
<context>
    <name>SettingsGroupDialog</name>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Only an administrator changes these settings.</source>
        <translation>只有管理员可以修改这些设置。</translation>
    </message>
    <message>
        <source>Nothing was saved.</source>
        <translation>未保存任何内容。</translation>
    </message>
    <message>
        <source>Another administrator changed these settings meanwhile; they are shown as they are now. Nothing was saved.</source>
        <translation>另一位管理员刚刚修改了这些设置；现显示其当前值。未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>VisitPlanPage</name>
    <message>
        <source>Month</source>
        <translation>月份</translation>
    </message>
    <message>
        <source>The month before</source>
        <translation>上个月</translation>
    </message>
    <message>
        <source>The month after</source>
        <translation>下个月</translation>
    </message>
    <message>
        <source>&amp;This month</source>
        <translation>本月(&amp;T)</translation>
    </message>
    <message>
        <source>Month:</source>
        <translation>月份：</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>销售人员</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>计划</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>完成率</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>%1: %2 visits planned, %3 done (%4)</source>
        <translation>%1：计划拜访 %2 次，完成 %3 次（%4）</translation>
    </message>
    <message>
        <source>and %1 more</source>
        <translation>还有 %1 项</translation>
    </message>
</context>
<context>
    <name>LinesEditor</name>
    <message>
        <source>Add &amp;line</source>
        <translation>添加行(&amp;L)</translation>
    </message>
    <message>
        <source>A new line (Enter on the last line)</source>
        <translation>新增一行（在最后一行按 Enter）</translation>
    </message>
    <message>
        <source>Remove line</source>
        <translation>删除行</translation>
    </message>
    <message>
        <source>Remove the chosen line (Ctrl+Delete)</source>
        <translation>删除选中的行（Ctrl+Delete）</translation>
    </message>
</context>
<context>
    <name>OpportunityForm</name>
    <message>
        <source>Type a customer's name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
</context>
<context>
    <name>OrderForm</name>
    <message>
        <source>Type a customer's name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
    <message>
        <source>No changes to save.</source>
        <translation>没有需要保存的更改。</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>行</translation>
    </message>
</context>
<context>
    <name>OrderMoves</name>
    <message>
        <source>Saving...</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Credit check</source>
        <translation>信用检查</translation>
    </message>
    <message>
        <source>Confirm anyway? The reason is kept in the audit log:</source>
        <translation>仍要确认吗？原因将记入审计日志：</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <source>Any month</source>
        <translation>任意月份</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Owner:</source>
        <translation>负责人：</translation>
    </message>
    <message>
        <source>Team:</source>
        <translation>团队：</translation>
    </message>
    <message>
        <source>Expected close:</source>
        <translation>预计成交：</translation>
    </message>
    <message>
        <source>Next stage</source>
        <translation>下一阶段</translation>
    </message>
    <message>
        <source>Move the chosen card to the next stage (Ctrl+Right)</source>
        <translation>将选中的商机移到下一阶段（Ctrl+→）</translation>
    </message>
    <message>
        <source>Previous stage</source>
        <translation>上一阶段</translation>
    </message>
    <message>
        <source>Move the chosen card back a stage (Ctrl+Left)</source>
        <translation>将选中的商机退回上一阶段（Ctrl+←）</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
    <message>
        <source>Lost...</source>
        <translation>输单…</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Open pipeline, weighted: %1</source>
        <translation>进行中商机加权金额：%1</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>输单</translation>
    </message>
    <message>
        <source>Why was %1 lost?</source>
        <translation>%1 为什么输单？</translation>
    </message>
    <message>
        <source>weighted</source>
        <translation>加权</translation>
    </message>
</context>
<context>
    <name>SalesPage</name>
    <message>
        <source>&amp;Pipeline</source>
        <translation>销售漏斗(&amp;P)</translation>
    </message>
    <message>
        <source>O&amp;pportunities</source>
        <translation>商机(&amp;O)</translation>
    </message>
    <message>
        <source>&amp;Orders</source>
        <translation>订单(&amp;R)</translation>
    </message>
</context>
<context>
    <name>OrderOffer</name>
    <message>
        <source>%1 is won. Make a draft order for %2 now?</source>
        <translation>%1 已赢单。现在为 %2 创建草稿订单吗？</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>赢单</translation>
    </message>
</context>
<context>
    <name>PipelineBoard</name>
    <message>
        <source>Probabilities...</source>
        <translation>赢单概率…</translation>
    </message>
    <message>
        <source>The chance of winning each stage gives a new or moved opportunity</source>
        <translation>各阶段给新建或移动的商机设定的赢单概率</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>Only a user with the right to change credit terms (Finance) may change this.</source>
        <translation>只有拥有修改信用条件权限的用户（财务）可以修改此项。</translation>
    </message>
</context>
<context>
    <name>ReasonDialog</name>
    <message>
        <source>Customer code:</source>
        <translation>客户编号：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>必填</translation>
    </message>
</context>
<context>
    <name>TiersTab</name>
    <message>
        <source>%1 (by hand)</source>
        <translation>%1（手动）</translation>
    </message>
    <message>
        <source>Any tier</source>
        <translation>全部等级</translation>
    </message>
    <message>
        <source>Any stage</source>
        <translation>全部阶段</translation>
    </message>
    <message>
        <source>Open customer</source>
        <translation>打开客户</translation>
    </message>
    <message>
        <source>Tier:</source>
        <translation>等级：</translation>
    </message>
    <message>
        <source>Lifecycle:</source>
        <translation>生命周期：</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Revenue (12 months)</source>
        <translation>收入（近12个月）</translation>
    </message>
    <message>
        <source>Cumulative share</source>
        <translation>累计占比</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Key account</source>
        <translation>大客户</translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>信用等级</translation>
    </message>
    <message>
        <source>Name key account...</source>
        <translation>指定为大客户…</translation>
    </message>
    <message>
        <source>Not a key account...</source>
        <translation>不作为大客户…</translation>
    </message>
    <message>
        <source>As revenue says</source>
        <translation>按收入自动判定</translation>
    </message>
    <message>
        <source>%1 of %2 shown</source>
        <translation>显示 %1 / %2 位</translation>
    </message>
</context>
<context>
    <name>KeyAccountsTab</name>
    <message>
        <source>By hand</source>
        <translation>手动</translation>
    </message>
    <message>
        <source>Name key account...</source>
        <translation>指定为大客户…</translation>
    </message>
    <message>
        <source>Make a customer a key account by hand, whatever its revenue</source>
        <translation>手动将客户指定为大客户，不论其收入</translation>
    </message>
    <message>
        <source>Not a key account...</source>
        <translation>不作为大客户…</translation>
    </message>
    <message>
        <source>Keep the chosen customer off the key accounts, whatever its revenue</source>
        <translation>将所选客户排除在大客户之外，不论其收入</translation>
    </message>
    <message>
        <source>As revenue says</source>
        <translation>按收入自动判定</translation>
    </message>
    <message>
        <source>The chosen customer is a key account again as its revenue says (at the next recomputation)</source>
        <translation>所选客户重新按收入判定是否为大客户（下次重算时生效）</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>客户经理</translation>
    </message>
    <message>
        <source>Revenue (12 months)</source>
        <translation>收入（近12个月）</translation>
    </message>
    <message>
        <source>Trend</source>
        <translation>趋势</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>未收金额</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>逾期金额</translation>
    </message>
    <message>
        <source>Last visit</source>
        <translation>上次拜访</translation>
    </message>
    <message>
        <source>Next visit</source>
        <translation>下次拜访</translation>
    </message>
    <message>
        <source>Open complaints</source>
        <translation>未结投诉</translation>
    </message>
    <message>
        <source>Named by hand</source>
        <translation>手动指定</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>Revenue of the 12 months before: %1</source>
        <translation>前12个月收入：%1</translation>
    </message>
    <message>
        <source>%1 key accounts, revenue %2</source>
        <translation>大客户 %1 位，收入 %2</translation>
    </message>
</context>
<context>
    <name>ChurnTab</name>
    <message>
        <source>Code</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Revenue (12 months)</source>
        <translation>收入（近12个月）</translation>
    </message>
    <message>
        <source>Revenue (12 months before)</source>
        <translation>收入（前12个月）</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>等级</translation>
    </message>
    <message>
        <source>%1 active customers at risk of leaving: no order or activity for a long time, or revenue down against the 12 months before.</source>
        <translation>%1 位活跃客户有流失风险：长期无订单无活动，或收入较前12个月下降。</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
</context>
<context>
    <name>CustomerValuePage</name>
    <message>
        <source>Recompute</source>
        <translation>重新计算</translation>
    </message>
    <message>
        <source>Recompute every customer's tier, rating, key account, lifecycle and churn warning from the last 24 months</source>
        <translation>根据近24个月的数据重新计算每位客户的等级、信用评级、大客户、生命周期和流失预警</translation>
    </message>
    <message>
        <source>Settings...</source>
        <translation>设置…</translation>
    </message>
    <message>
        <source>The thresholds of ratings, tiers, key accounts, lifecycle and churn</source>
        <translation>信用评级、客户分级、大客户、生命周期与流失预警的阈值</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Tiers</source>
        <translation>客户分级</translation>
    </message>
    <message>
        <source>Key accounts</source>
        <translation>大客户</translation>
    </message>
    <message>
        <source>Churn warning</source>
        <translation>流失预警</translation>
    </message>
    <message>
        <source>Recomputing customer value...</source>
        <translation>正在重新计算客户价值…</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>正在保存…</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Revenue of the last 12 months, as of the last recomputation.</source>
        <translation>近12个月收入，以上次重新计算为准。</translation>
    </message>
    <message>
        <source>Name key account</source>
        <translation>指定为大客户</translation>
    </message>
    <message>
        <source>The customer is a key account whatever its revenue, until set back. Why?</source>
        <translation>该客户将一直作为大客户（不论收入），直到改回。原因？</translation>
    </message>
    <message>
        <source>%1 is a key account now (by hand).</source>
        <translation>%1 现已手动指定为大客户。</translation>
    </message>
    <message>
        <source>%1 is no key account now (by hand).</source>
        <translation>%1 现已手动设为非大客户。</translation>
    </message>
    <message>
        <source>%1 is a key account as its revenue says from the next recomputation.</source>
        <translation>%1 将从下次重新计算起按收入判定是否为大客户。</translation>
    </message>
    <message>
        <source>Churn warning (%1)</source>
        <translation>流失预警（%1）</translation>
    </message>
    <message>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <source>Not a key account</source>
        <translation>不作为大客户</translation>
    </message>
    <message>
        <source>The customer is no key account whatever its revenue, until set back. Why?</source>
        <translation>该客户将一直不作为大客户（不论收入），直到改回。原因？</translation>
    </message>
    <message>
        <source>As revenue says</source>
        <translation>按收入自动判定</translation>
    </message>
    <message>
        <source>The customer is a key account again as its revenue says, from the next recomputation.</source>
        <translation>从下次重新计算起，该客户重新按收入判定是否为大客户。</translation>
    </message>
    <message>
        <source>Recomputed as of %1: %2 customers changed.</source>
        <translation>已按 %1 重新计算：%2 位客户有变化。</translation>
    </message>
</context>
<context>
    <name>ParetoChart</name>
    <message>
        <source>No revenue in the last 12 months</source>
        <translation>近12个月没有收入</translation>
    </message>
    <message>
        <source>Cumulative share</source>
        <translation>累计占比</translation>
    </message>
    <message>
        <source>premium</source>
        <translation>优质</translation>
    </message>
    <message>
        <source>major</source>
        <translation>主要</translation>
    </message>
    <message>
        <source>%1 customers with revenue in the last 12 months, largest first</source>
        <translation>近12个月有收入的客户 %1 位，按收入从高到低</translation>
    </message>
</context>
<context>
    <name>CustomerForm</name>
    <message>
        <source>Key account</source>
        <translation>大客户</translation>
    </message>
    <message>
        <source>Churn warning: %1</source>
        <translation>流失预警：%1</translation>
    </message>
</context>
<context>
    <name>TiersTab</name>
    <message>
        <source>Set rating by hand...</source>
        <translation>手动设定信用等级…</translation>
    </message>
</context>
<context>
    <name>CustomerValuePage</name>
    <message>
        <source>%1 is rated %2 now (by hand).</source>
        <translation>%1 的信用等级现已手动设为 %2。</translation>
    </message>
    <message>
        <source>%1 is rated as computed again.</source>
        <translation>%1 的信用等级重新按计算结果确定。</translation>
    </message>
</context>
<context>
    <name>RatingDialog</name>
    <message>
        <source>Set rating by hand</source>
        <translation>手动设定信用等级</translation>
    </message>
    <message>
        <source>As computed</source>
        <translation>按计算结果</translation>
    </message>
    <message>
        <source>Customer code:</source>
        <translation>客户编号：</translation>
    </message>
    <message>
        <source>Rating:</source>
        <translation>信用等级：</translation>
    </message>
    <message>
        <source>Reason:</source>
        <translation>原因：</translation>
    </message>
    <message>
        <source>OK</source>
        <translation>确定</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
</context>
<context>
    <name>AllocationsBox</name>
    <message>
        <location filename="../../app/ui/finance/invoice_form.py" line="46"/>
        <source>Payments received</source>
        <translation>已收款项</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/invoice_form.py" line="50"/>
        <source>Payment</source>
        <translation>收款单</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/invoice_form.py" line="50"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/invoice_form.py" line="50"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
</context>
<context>
    <name>InvoiceForm</name>
    <message>
        <location filename="../../app/ui/finance/invoice_form.py" line="103"/>
        <source>Type a customer's name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/invoice_form.py" line="143"/>
        <source>This invoice cannot be voided: %1 has been received. A credit note or a refund undoes a payment.</source>
        <translation>此发票不能作废：已收款 %1。如需冲回收款，请开具红字发票或办理退款。</translation>
    </message>
</context>
<context>
    <name>InvoiceListView</name>
    <message>
        <location filename="../../app/ui/finance/list_views.py" line="55"/>
        <source>New invoice from &amp;order...</source>
        <translation>从订单开票(&amp;O)...</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/list_views.py" line="57"/>
        <source>Invoice what of a confirmed or delivered order is not yet invoiced</source>
        <translation>为已确认或已发货订单中尚未开票的部分开票</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/list_views.py" line="81"/>
        <source>New invoice from order</source>
        <translation>从订单开票</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/list_views.py" line="82"/>
        <source>The number of a confirmed or delivered order (SO...):</source>
        <translation>已确认或已发货订单的编号（SO...）：</translation>
    </message>
</context>
<context>
    <name>FinancePage</name>
    <message>
        <location filename="../../app/ui/finance/page.py" line="24"/>
        <source>&amp;Invoices</source>
        <translation>发票(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/page.py" line="25"/>
        <source>&amp;Payments</source>
        <translation>收款(&amp;P)</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/page.py" line="26"/>
        <source>&amp;Receivables</source>
        <translation>应收账款(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/page.py" line="27"/>
        <source>Customer &amp;value</source>
        <translation>客户价值(&amp;V)</translation>
    </message>
</context>
<context>
    <name>AllocationEditor</name>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="85"/>
        <source>Allocation to open invoices</source>
        <translation>核销未收发票</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="89"/>
        <source>&amp;Oldest first (automatic)</source>
        <translation>按到期先后自动核销(&amp;O)</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="91"/>
        <source>&amp;By hand</source>
        <translation>手动分配(&amp;B)</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="286"/>
        <source>Allocated to invoices</source>
        <translation>已核销发票</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="101"/>
        <source>Invoice</source>
        <translation>发票</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="101"/>
        <source>Due date</source>
        <translation>到期日</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="101"/>
        <source>Open</source>
        <translation>未收</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="101"/>
        <source>Allocate</source>
        <translation>核销金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="151"/>
        <source>Choose the customer to see its open invoices.</source>
        <translation>请选择客户以查看其未收发票。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="290"/>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="290"/>
        <source>Amount</source>
        <translation>金额</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="153"/>
        <source>The customer has no open invoices: the payment is kept as its credit and pays the next invoice issued.</source>
        <translation>该客户没有未收发票：本次收款记为预收余额，用于核销下一张开具的发票。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="304"/>
        <source>Allocated %1</source>
        <translation>已核销 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="227"/>
        <source>Not an amount: %1</source>
        <translation>不是有效金额：%1</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="229"/>
        <source>The amount for %1 must be more than 0.</source>
        <translation>%1 的核销金额必须大于 0。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="237"/>
        <source>%1 allocated is more than the payment's %2.</source>
        <translation>核销合计 %1 超过收款金额 %2。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="261"/>
        <source>Allocated %1 · Rest (credit) %2</source>
        <translation>已核销 %1 · 余额（预收）%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="232"/>
        <source>%1 is more than the %2 open on %3.</source>
        <translation>%1 超过发票 %3 的未收金额 %2。</translation>
    </message>
</context>
<context>
    <name>PaymentForm</name>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="334"/>
        <source>Type a customer's name or code</source>
        <translation>输入客户名称或编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="421"/>
        <source>Saving...</source>
        <translation>正在保存...</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="414"/>
        <source>The allocation is more than can be paid; correct it. Nothing was saved.</source>
        <translation>核销金额超出可核销范围，请更正。未保存任何内容。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/payment_form.py" line="435"/>
        <source>The allocation was refused. Nothing was saved.</source>
        <translation>核销被拒绝。未保存任何内容。</translation>
    </message>
</context>
<context>
    <name>ReceivablesPage</name>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="76"/>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="78"/>
        <source>&amp;As of:</source>
        <translation>截至(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="82"/>
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="83"/>
        <source>All customers</source>
        <translation>全部客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="88"/>
        <source>&amp;Today</source>
        <translation>今天(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="91"/>
        <source>Export to &amp;Excel...</source>
        <translation>导出到 Excel(&amp;E)...</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="186"/>
        <source>Loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="261"/>
        <source>Export the receivables</source>
        <translation>导出应收账款</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="96"/>
        <source>You do not have the right to export the receivables.</source>
        <translation>您没有导出应收账款的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="199"/>
        <source>%1 customers with open receivables</source>
        <translation>%1 个客户有未收款项</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="242"/>
        <source>Nothing is open as of %1.</source>
        <translation>截至 %1 没有未收款项。</translation>
    </message>
    <message>
        <location filename="../../app/ui/finance/receivables.py" line="274"/>
        <source>Exporting to %1...</source>
        <translation>正在导出到 %1...</translation>
    </message>
</context>

<context>
    <name>RecordListView</name>
    <message>
        <source>Import...</source>
        <translation>导入…</translation>
    </message>
</context>
<context>
    <name>OutcomeModel</name>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>错误</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>&amp;File:</source>
        <translation>文件(&amp;F)：</translation>
    </message>
    <message>
        <source>An Excel workbook (.xlsx) or a CSV file</source>
        <translation>Excel 工作簿（.xlsx）或 CSV 文件</translation>
    </message>
    <message>
        <source>&amp;Choose file...</source>
        <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
        <source>Saved &amp;mappings:</source>
        <translation>已保存的映射(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Save mapping...</source>
        <translation>保存映射(&amp;S)…</translation>
    </message>
    <message>
        <source>&amp;Duplicates (the key names a record):</source>
        <translation>重复记录（编号已存在）(&amp;D)：</translation>
    </message>
    <message>
        <source>Stop: count them as errors</source>
        <translation>停止：算作错误</translation>
    </message>
    <message>
        <source>Skip them</source>
        <translation>跳过</translation>
    </message>
    <message>
        <source>Update the records</source>
        <translation>更新记录</translation>
    </message>
    <message>
        <source>Import the &amp;valid rows, list the others</source>
        <translation>导入有效的行，列出其余的行(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Undo an import...</source>
        <translation>撤销导入(&amp;U)…</translation>
    </message>
    <message>
        <source>Save the p&amp;roblems...</source>
        <translation>保存问题清单(&amp;R)…</translation>
    </message>
    <message>
        <source>&amp;Preview</source>
        <translation>预览(&amp;P)</translation>
    </message>
    <message>
        <source>Check every row; nothing is written (Ctrl+P)</source>
        <translation>检查每一行，不写入任何数据（Ctrl+P）</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>导入(&amp;I)</translation>
    </message>
    <message>
        <source>Import the file (Ctrl+Enter)</source>
        <translation>导入该文件（Ctrl+Enter）</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Choose the file to import</source>
        <translation>选择要导入的文件</translation>
    </message>
    <message>
        <source>Excel or CSV files (*.xlsx *.csv)</source>
        <translation>Excel 或 CSV 文件 (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>(choose a saved mapping)</source>
        <translation>（选择已保存的映射）</translation>
    </message>
    <message>
        <source>Save mapping</source>
        <translation>保存映射</translation>
    </message>
    <message>
        <source>Name of the mapping:</source>
        <translation>映射名称：</translation>
    </message>
    <message>
        <source>Save the problems</source>
        <translation>保存问题清单</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Undo the import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>Which column fills which field:</source>
        <translation>文件中的列导入到哪个字段：</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Imported into</source>
        <translation>导入到</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>（不导入）</translation>
    </message>
    <message>
        <source>Cancelled: nothing was written.</source>
        <translation>已取消，未写入任何数据。</translation>
    </message>
    <message>
        <source>Preview: nothing was written.</source>
        <translation>预览：未写入任何数据。</translation>
    </message>
    <message>
        <source>Cannot undo the import</source>
        <translation>无法撤销导入</translation>
    </message>
    <message>
        <source>Cannot import the file</source>
        <translation>无法导入该文件</translation>
    </message>
    <message>
        <source>Import %1</source>
        <translation>导入%1</translation>
    </message>
    <message>
        <source>Mapping “%1” saved.</source>
        <translation>映射“%1”已保存。</translation>
    </message>
    <message>
        <source>Checking %1...</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>Importing %1...</source>
        <translation>正在导入 %1…</translation>
    </message>
    <message>
        <source>While rows have errors the import writes nothing: fix them, or import the valid rows and list the others.</source>
        <translation>只要有行出错，导入就不会写入任何数据：请修正这些行，或者只导入有效的行并列出其余的行。</translation>
    </message>
    <message>
        <source>%1 rows — %2</source>
        <translation>共 %1 行 — %2</translation>
    </message>
    <message>
        <source>Nothing to write: every row is unchanged or skipped.</source>
        <translation>没有需要写入的数据：每一行都未变或已跳过。</translation>
    </message>
    <message>
        <source>Columns not imported: %1</source>
        <translation>未导入的列：%1</translation>
    </message>
    <message>
        <source>Undo the import of %1 (%2)? The records it created are removed and those it updated get their values back.</source>
        <translation>撤销 %1（%2）的导入吗？导入新建的记录将被删除，导入更新的记录将恢复原来的值。</translation>
    </message>
    <message>
        <source>Nothing was written: %1 rows have errors.</source>
        <translation>未写入任何数据：%1 行有错误。</translation>
    </message>
    <message>
        <source>Import of %1 undone: %2 records put back as they were.</source>
        <translation>已撤销 %1 的导入：%2 条记录已恢复原状。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>Imported: %1 created, %2 updated.</source>
        <translation>已导入：新建 %1 条，更新 %2 条。</translation>
    </message>
    <message>
        <source>%1 problems saved to %2.</source>
        <translation>已将 %1 个问题保存到 %2。</translation>
    </message>
</context>
<context>
    <name>UndoImportsDialog</name>
    <message>
        <source>Undo an import</source>
        <translation>撤销导入</translation>
    </message>
    <message>
        <source>&amp;Undo this import</source>
        <translation>撤销此次导入(&amp;U)</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Recent imports, newest first:</source>
        <translation>最近的导入（最新的在前）：</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>新建</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>更新</translation>
    </message>
    <message>
        <source>Unchanged</source>
        <translation>未变</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>撤销时间</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>Run the report (F5, Ctrl+R)</source>
        <translation>运行报表（F5、Ctrl+R）</translation>
    </message>
    <message>
        <source>Export to &amp;Excel...</source>
        <translation>导出到 Excel(&amp;E)...</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>From</source>
        <translation>从</translation>
    </message>
    <message>
        <source>To</source>
        <translation>至</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>截至</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>All teams</source>
        <translation>全部团队</translation>
    </message>
    <message>
        <source>Any</source>
        <translation>不限</translation>
    </message>
    <message>
        <source>All</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>How many rows of the ranking (All: every row)</source>
        <translation>排行显示的行数（全部：显示所有行）</translation>
    </message>
    <message>
        <source>Every section</source>
        <translation>全部分类</translation>
    </message>
    <message>
        <source>Running...</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>The report could not be run.</source>
        <translation>报表无法运行。</translation>
    </message>
    <message>
        <source>Salesperson</source>
        <translation>销售员</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>团队</translation>
    </message>
    <message>
        <source>Province</source>
        <translation>省份</translation>
    </message>
    <message>
        <source>Breakdown</source>
        <translation>分类</translation>
    </message>
    <message>
        <source>Top</source>
        <translation>前 N 名</translation>
    </message>
    <message>
        <source>The range ends before it starts.</source>
        <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
        <source>The range is longer than 20 years.</source>
        <translation>期间超过 20 年。</translation>
    </message>
    <message>
        <source>There is no such salesperson.</source>
        <translation>没有这个销售员。</translation>
    </message>
    <message>
        <source>There is no such team.</source>
        <translation>没有这个团队。</translation>
    </message>
    <message>
        <source>Choose one of the listed values.</source>
        <translation>请从列出的选项中选择。</translation>
    </message>
    <message>
        <source>Must be at least 1.</source>
        <translation>至少为 1。</translation>
    </message>
    <message>
        <source>1 row</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>your own records</source>
        <translation>本人记录</translation>
    </message>
    <message>
        <source>your team's records</source>
        <translation>团队记录</translation>
    </message>
    <message>
        <source>all records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>导出报表</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>期间(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>从(&amp;F)：</translation>
    </message>
    <message>
        <source>&amp;To:</source>
        <translation>至(&amp;T)：</translation>
    </message>
    <message>
        <source>&amp;As of:</source>
        <translation>截至(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Salesperson:</source>
        <translation>销售员(&amp;S)：</translation>
    </message>
    <message>
        <source>Tea&amp;m:</source>
        <translation>团队(&amp;M)：</translation>
    </message>
    <message>
        <source>Pro&amp;vince:</source>
        <translation>省份(&amp;V)：</translation>
    </message>
    <message>
        <source>&amp;Breakdown:</source>
        <translation>分类(&amp;B)：</translation>
    </message>
    <message>
        <source>T&amp;op:</source>
        <translation>前 N 名(&amp;O)：</translation>
    </message>
    <message>
        <source>Choose the parameters and press Run (F5).</source>
        <translation>请选择参数，然后点击“运行”（F5）。</translation>
    </message>
    <message>
        <source>Not run: check the parameters.</source>
        <translation>未运行：请检查参数。</translation>
    </message>
    <message>
        <source>This report has nothing to show.</source>
        <translation>此报表没有可显示的内容。</translation>
    </message>
    <message>
        <source>Write the report as shown, with its charts, to an Excel workbook</source>
        <translation>将当前显示的报表连同图表写入 Excel 工作簿</translation>
    </message>
    <message>
        <source>You do not have the right to export reports.</source>
        <translation>您没有导出报表的权限。</translation>
    </message>
    <message>
        <source>%1 rows</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>run at %1</source>
        <translation>制表时间 %1</translation>
    </message>
    <message>
        <source>Exporting to %1...</source>
        <translation>正在导出到 %1…</translation>
    </message>
    <message>
        <source>As of %1</source>
        <translation>截至 %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 至 %2</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Load the figures again (F5)</source>
        <translation>重新加载数据（F5）</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>正在加载...</translation>
    </message>
    <message>
        <source>Updated %1</source>
        <translation>更新于 %1</translation>
    </message>
    <message>
        <source>Could not load the figures.</source>
        <translation>无法加载数据。</translation>
    </message>
    <message>
        <source>Not updated at %1</source>
        <translation>%1 未能更新</translation>
    </message>
    <message>
        <source>Your records</source>
        <translation>您的记录</translation>
    </message>
    <message>
        <source>Your team's records</source>
        <translation>您团队的记录</translation>
    </message>
    <message>
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <source>Whose records the figures count</source>
        <translation>数据统计的是谁的记录</translation>
    </message>
    <message>
        <source>Click a bar or slice to open the list behind it</source>
        <translation>点击柱形或扇区，打开其对应的列表</translation>
    </message>
    <message>
        <source>Same period last year %1</source>
        <translation>去年同期 %1</translation>
    </message>
    <message>
        <source>Same period last year %1, %2</source>
        <translation>去年同期 %1，%2</translation>
    </message>
    <message>
        <source>Open the list behind this figure (Enter)</source>
        <translation>打开此数据对应的列表（Enter）</translation>
    </message>
    <message>
        <source>You may not open the list behind this figure.</source>
        <translation>您无权打开此数据对应的列表。</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1（%2）</translation>
    </message>
    <message>
        <source>That list cannot be opened here.</source>
        <translation>无法在此打开该列表。</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>&amp;Dashboard</source>
        <translation>仪表板(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Reports</source>
        <translation>报表(&amp;R)</translation>
    </message>
</context>
</TS>
