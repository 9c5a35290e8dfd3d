<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AdminErrorDialog</name>
    <message>
        <location filename="../../app/ui/admin/errors.py" line="31" />
        <source>At least %1 characters are needed.</source>
        <translation>至少需要 %1 个字符。</translation>
    </message>
</context>
<context>
    <name>AdminLabels</name>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="55" />
        <source>Customers</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="55" />
        <source>Contacts</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="56" />
        <source>Projects</source>
        <translation>项目</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="56" />
        <source>Suppliers</source>
        <translation>供应商</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="57" />
        <source>Products</source>
        <translation>产品</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="57" />
        <source>Feedback</source>
        <translation>客户反馈</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="58" />
        <source>Activities</source>
        <translation>活动</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="58" />
        <source>Sales</source>
        <translation>销售</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="59" />
        <location filename="../../app/ui/admin/labels.py" line="76" />
        <source>Finance</source>
        <translation>财务</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="59" />
        <source>Reports</source>
        <translation>报表</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="60" />
        <source>Administration</source>
        <translation>系统管理</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="60" />
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="64" />
        <source>View</source>
        <translation>查看</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="64" />
        <source>Create</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="64" />
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="65" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="65" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="66" />
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="66" />
        <source>Approve</source>
        <translation>审批</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="70" />
        <source>Own records</source>
        <translation>本人记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="70" />
        <source>Team's records</source>
        <translation>本团队记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="71" />
        <source>All records</source>
        <translation>全部记录</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="75" />
        <source>Administrator</source>
        <translation>系统管理员</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="75" />
        <source>Sales manager</source>
        <translation>销售经理</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="76" />
        <source>Salesperson</source>
        <translation>销售员</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="77" />
        <source>Service</source>
        <translation>客服</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="77" />
        <source>Auditor</source>
        <translation>审计员</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="81" />
        <source>Everything, including users, roles and the audit log</source>
        <translation>全部权限，包括用户、角色和审计日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="82" />
        <source>The team's customers, reports, exports, credit override</source>
        <translation>本团队的客户、报表、导出和信用额度审批</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="84" />
        <source>Own customers only</source>
        <translation>仅本人负责的客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="85" />
        <source>Invoices, payments, credit limits</source>
        <translation>发票、收款和信用额度</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="86" />
        <source>Feedback tickets</source>
        <translation>客户反馈工单</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="87" />
        <source>Reads everything including the audit log; changes nothing</source>
        <translation>可查看全部内容（含审计日志），不能修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="93" />
        <source>You cannot do this to your own account.</source>
        <translation>不能对自己的账户执行此操作。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="94" />
        <source>At least one active administrator with full administration rights must remain.</source>
        <translation>必须保留至少一名拥有全部管理权限的在用管理员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="96" />
        <source>This user has written records or owns customers, so the account cannot be deleted. Disable it instead.</source>
        <translation>该用户已写入过记录或负责客户，不能删除账户，请改为停用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="98" />
        <source>This password is too common or equals the user name; choose another.</source>
        <translation>此密码过于常见或与用户名相同，请另选一个。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="100" />
        <source>The new password must differ from the current one.</source>
        <translation>新密码不能与当前密码相同。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="101" />
        <source>One of the chosen roles no longer exists.</source>
        <translation>所选的某个角色已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="102" />
        <source>The chosen department no longer exists.</source>
        <translation>所选部门已不存在。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="103" />
        <source>Unknown right.</source>
        <translation>未知权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="104" />
        <source>Unknown record scope.</source>
        <translation>未知数据范围。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="105" />
        <source>It is still in use; remove its members first.</source>
        <translation>仍在使用中，请先移除其成员。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="106" />
        <source>This name is already used.</source>
        <translation>此名称已被使用。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="107" />
        <source>Use letters, digits and _ only.</source>
        <translation>只能使用字母、数字和下划线 _。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="108" />
        <source>The two passwords are not the same.</source>
        <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="113" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="113" />
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="114" />
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="114" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="115" />
        <location filename="../../app/ui/admin/labels.py" line="118" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="115" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="116" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="116" />
        <source>Rights</source>
        <translation>权限</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="117" />
        <source>Record scope</source>
        <translation>数据范围</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="117" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="118" />
        <source>Manager</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="119" />
        <source>Minimum password length</source>
        <translation>密码最短长度</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="120" />
        <source>Failed sign-ins before lockout</source>
        <translation>锁定前允许的登录失败次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="121" />
        <source>Lockout (minutes)</source>
        <translation>锁定时长（分钟）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/labels.py" line="122" />
        <source>Lock when idle (minutes)</source>
        <translation>空闲锁屏（分钟）</translation>
    </message>
</context>
<context>
    <name>AdminPage</name>
    <message>
        <location filename="../../app/ui/admin/page.py" line="29" />
        <source>You do not have the right to view the administration.</source>
        <translation>您没有查看系统管理的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="41" />
        <source>&amp;Users</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="42" />
        <source>&amp;Roles</source>
        <translation>角色(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="43" />
        <source>&amp;Departments</source>
        <translation>部门(&amp;D)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/page.py" line="44" />
        <source>&amp;Security</source>
        <translation>安全(&amp;S)</translation>
    </message>
</context>
<context>
    <name>AuditDetail</name>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="62" />
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="62" />
        <source>Before</source>
        <translation>修改前</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="63" />
        <source>After</source>
        <translation>修改后</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="80" />
        <source>Choose an entry to see what it changed.</source>
        <translation>选择一条记录以查看其修改内容。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/detail.py" line="84" />
        <source>No. %1 · %2 · %3 · %4 %5 %6</source>
        <translation>第 %1 条 · %2 · %3 · %4%5 %6</translation>
    </message>
</context>
<context>
    <name>AuditExport</name>
    <message>
        <location filename="../../app/ui/audit/export.py" line="28" />
        <source>Exporting the audit log...</source>
        <translation>正在导出审计日志……</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="36" />
        <source>All users</source>
        <translation>全部用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="37" />
        <source>All entities</source>
        <translation>全部对象</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="39" />
        <source>All actions</source>
        <translation>全部操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="41" />
        <source>&amp;From</source>
        <translation>起始(&amp;F)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="42" />
        <source>&amp;To</source>
        <translation>截止(&amp;T)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="47" />
        <source>Text in changes, record ID or user name</source>
        <translation>修改内容、记录编号或用户名中的文字</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="54" />
        <source>C&amp;lear filters</source>
        <translation>清除筛选(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="62" />
        <source>&amp;User</source>
        <translation>用户(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="63" />
        <source>&amp;Entity</source>
        <translation>对象(&amp;E)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="64" />
        <source>&amp;Action</source>
        <translation>操作(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/filter_bar.py" line="73" />
        <source>Te&amp;xt</source>
        <translation>文字(&amp;X)</translation>
    </message>
</context>
<context>
    <name>AuditLabels</name>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="41" />
        <source>Create</source>
        <translation>新增</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="41" />
        <source>Update</source>
        <translation>修改</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="42" />
        <source>Delete</source>
        <translation>删除</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="42" />
        <source>Archive</source>
        <translation>归档</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="43" />
        <source>Restore</source>
        <translation>恢复</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="43" />
        <source>Disable</source>
        <translation>停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="44" />
        <source>Enable</source>
        <translation>启用</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="44" />
        <source>Reset password</source>
        <translation>重置密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="45" />
        <source>Unlock</source>
        <translation>解锁</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="45" />
        <source>Sign in</source>
        <translation>登录</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="46" />
        <source>Failed sign-in</source>
        <translation>登录失败</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="46" />
        <source>Lockout</source>
        <translation>账户锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="47" />
        <source>Password change</source>
        <translation>修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="47" />
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="48" />
        <source>Demo data</source>
        <translation>演示数据</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="52" />
        <location filename="../../app/ui/audit/labels.py" line="68" />
        <source>Customer</source>
        <translation>客户</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="52" />
        <source>Contact</source>
        <translation>联系人</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="53" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="53" />
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="54" />
        <location filename="../../app/ui/audit/labels.py" line="60" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="54" />
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="55" />
        <source>Audit log</source>
        <translation>审计日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="55" />
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="59" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="59" />
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="60" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="61" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="61" />
        <source>Locked until</source>
        <translation>锁定至</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="62" />
        <source>Must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="63" />
        <source>Rights (removed / added)</source>
        <translation>权限（移除 / 新增）</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="64" />
        <source>Record scope</source>
        <translation>数据范围</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="64" />
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="65" />
        <source>Copied from</source>
        <translation>复制自</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="65" />
        <source>Manager</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="66" />
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="66" />
        <source>Rows</source>
        <translation>行数</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="66" />
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="67" />
        <source>Filter</source>
        <translation>筛选条件</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="67" />
        <source>Archived</source>
        <translation>已归档</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="69" />
        <source>Minimum password length</source>
        <translation>密码最短长度</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="70" />
        <source>Failed sign-ins before lockout</source>
        <translation>锁定前允许的登录失败次数</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="71" />
        <source>Lockout (minutes)</source>
        <translation>锁定时长（分钟）</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/labels.py" line="72" />
        <source>Lock when idle (minutes)</source>
        <translation>空闲锁屏（分钟）</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../../app/ui/audit/model.py" line="157" />
        <source>No.</source>
        <translation>序号</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="157" />
        <source>Time</source>
        <translation>时间</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="157" />
        <source>User</source>
        <translation>用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="157" />
        <source>Action</source>
        <translation>操作</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="158" />
        <source>Entity</source>
        <translation>对象</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="158" />
        <source>Entity ID</source>
        <translation>记录编号</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/model.py" line="158" />
        <source>Changed fields</source>
        <translation>修改的字段</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <location filename="../../app/ui/audit/page.py" line="54" />
        <source>You do not have the right to view the audit log.</source>
        <translation>您没有查看审计日志的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="93" />
        <source>&amp;Refresh</source>
        <translation>刷新(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="95" />
        <source>&amp;Verify chain</source>
        <translation>校验哈希链(&amp;V)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="97" />
        <source>E&amp;xport to Excel...</source>
        <translation>导出到 Excel(&amp;X)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="101" />
        <source>You do not have the right to export the audit log.</source>
        <translation>您没有导出审计日志的权限。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="149" />
        <source>%1 entries</source>
        <translation>共 %1 条</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="162" />
        <source>Verifying...</source>
        <translation>正在校验……</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="170" />
        <source>Chain intact: %1 entries checked.</source>
        <translation>哈希链完好：已校验 %1 条。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="174" />
        <source>Chain broken at entry %1: %2</source>
        <translation>哈希链在第 %1 条处断开：%2</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="186" />
        <source>an entry is missing or out of order</source>
        <translation>有记录缺失或顺序错乱</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="187" />
        <source>the link to the previous entry is broken</source>
        <translation>与上一条记录的链接已断开</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="189" />
        <source>its content was changed after it was written</source>
        <translation>写入后内容被篡改</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="196" />
        <source>Export the audit log</source>
        <translation>导出审计日志</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="197" />
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="220" />
        <source>Export cancelled; no file was written.</source>
        <translation>导出已取消，未写入任何文件。</translation>
    </message>
    <message>
        <location filename="../../app/ui/audit/page.py" line="222" />
        <source>Exported %1 entries to %2.</source>
        <translation>已将 %1 条记录导出到 %2。</translation>
    </message>
</context>
<context>
    <name>DepartmentDialog</name>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="29" />
        <source>New department</source>
        <translation>新建部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="30" />
        <source>Edit department</source>
        <translation>编辑部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="36" />
        <source>(no manager)</source>
        <translation>（无负责人）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="44" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/department_dialog.py" line="45" />
        <source>&amp;Manager:</source>
        <translation>负责人(&amp;M)：</translation>
    </message>
</context>
<context>
    <name>DepartmentsTab</name>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="46" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="46" />
        <source>Manager</source>
        <translation>负责人</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="47" />
        <source>Members</source>
        <translation>成员数</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="58" />
        <source>&amp;Add...</source>
        <translation>添加(&amp;A)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="59" />
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="60" />
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="149" />
        <source>Delete department</source>
        <translation>删除部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/departments_tab.py" line="150" />
        <source>Delete the department %1?</source>
        <translation>确定删除部门“%1”吗？</translation>
    </message>
</context>
<context>
    <name>ResetPasswordDialog</name>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="28" />
        <source>Reset password of %1</source>
        <translation>重置 %1 的密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="29" />
        <source>The user must choose a new password at the next sign-in.</source>
        <translation>该用户下次登录时必须设置新密码。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="39" />
        <source>&amp;Temporary password:</source>
        <translation>临时密码(&amp;T)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/password_dialog.py" line="40" />
        <source>&amp;Repeat:</source>
        <translation>再次输入(&amp;R)：</translation>
    </message>
</context>
<context>
    <name>RoleDialog</name>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="39" />
        <source>New role</source>
        <translation>新建角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="40" />
        <source>Copy role %1</source>
        <translation>复制角色“%1”</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="44" />
        <source>letters, digits and _</source>
        <translation>字母、数字和下划线</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="53" />
        <source>(no rights)</source>
        <translation>（无权限）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="59" />
        <source>%1 (copy)</source>
        <translation>%1（副本）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="66" />
        <source>&amp;Code:</source>
        <translation>代码(&amp;C)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="67" />
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="68" />
        <source>&amp;Description:</source>
        <translation>说明(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_dialog.py" line="69" />
        <source>Copy rights &amp;from:</source>
        <translation>复制权限自(&amp;F)：</translation>
    </message>
</context>
<context>
    <name>RoleMatrix</name>
    <message>
        <location filename="../../app/ui/admin/role_matrix.py" line="27" />
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_matrix.py" line="31" />
        <source>Record scope</source>
        <translation>数据范围</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/role_matrix.py" line="56" />
        <source>Record scope of %1</source>
        <translation>%1的数据范围</translation>
    </message>
</context>
<context>
    <name>RolesTab</name>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="61" />
        <source>&amp;New...</source>
        <translation>新建(&amp;N)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="62" />
        <source>&amp;Copy...</source>
        <translation>复制(&amp;C)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="63" />
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="86" />
        <source>N&amp;ame:</source>
        <translation>名称(&amp;A)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="87" />
        <source>Desc&amp;ription:</source>
        <translation>说明(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="88" />
        <source>Members:</source>
        <translation>成员数：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="93" />
        <source>&amp;Save role</source>
        <translation>保存角色(&amp;S)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="95" />
        <source>&amp;Revert</source>
        <translation>还原(&amp;R)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="221" />
        <source>Delete role</source>
        <translation>删除角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/roles_tab.py" line="222" />
        <source>Delete the role %1?</source>
        <translation>确定删除角色“%1”吗？</translation>
    </message>
</context>
<context>
    <name>SecurityTab</name>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="45" />
        <source>Changes apply to the next sign-in; every change is recorded in the audit log.</source>
        <translation>修改在下次登录时生效；每次修改都会记入审计日志。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/security_tab.py" line="48" />
        <source>&amp;Save settings</source>
        <translation>保存设置(&amp;S)</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="45" />
        <source>New user</source>
        <translation>新建用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="46" />
        <source>Edit user %1</source>
        <translation>编辑用户 %1</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="70" />
        <source>(no department)</source>
        <translation>（无部门）</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="73" />
        <source>&amp;User name:</source>
        <translation>用户名(&amp;U)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="74" />
        <source>&amp;Display name:</source>
        <translation>显示名称(&amp;D)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="76" />
        <source>&amp;Password:</source>
        <translation>密码(&amp;P)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="77" />
        <source>&amp;Repeat password:</source>
        <translation>确认密码(&amp;R)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="78" />
        <source>R&amp;oles:</source>
        <translation>角色(&amp;O)：</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/user_dialog.py" line="79" />
        <source>D&amp;epartment:</source>
        <translation>部门(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>UsersModel</name>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="73" />
        <source>Active</source>
        <translation>在用</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="73" />
        <source>Disabled</source>
        <translation>已停用</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="75" />
        <source>locked</source>
        <translation>已锁定</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="77" />
        <source>must change password</source>
        <translation>须修改密码</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="85" />
        <source>User name</source>
        <translation>用户名</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="85" />
        <source>Display name</source>
        <translation>显示名称</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="85" />
        <source>Roles</source>
        <translation>角色</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="86" />
        <source>Department</source>
        <translation>部门</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="86" />
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_model.py" line="86" />
        <source>Last sign-in</source>
        <translation>最近登录</translation>
    </message>
</context>
<context>
    <name>UsersTab</name>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="71" />
        <source>&amp;Add user...</source>
        <translation>添加用户(&amp;A)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="73" />
        <source>&amp;Edit...</source>
        <translation>编辑(&amp;E)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="74" />
        <source>Reset &amp;password...</source>
        <translation>重置密码(&amp;P)……</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="76" />
        <source>&amp;Unlock</source>
        <translation>解锁(&amp;U)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="77" />
        <location filename="../../app/ui/admin/users_tab.py" line="135" />
        <source>D&amp;isable</source>
        <translation>停用(&amp;I)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="79" />
        <source>De&amp;lete</source>
        <translation>删除(&amp;L)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="134" />
        <source>En&amp;able</source>
        <translation>启用(&amp;A)</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="227" />
        <source>Disable user</source>
        <translation>停用用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="228" />
        <source>Disable %1? The account can no longer sign in.</source>
        <translation>确定停用 %1 吗？该账户将无法登录。</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="239" />
        <source>Delete user</source>
        <translation>删除用户</translation>
    </message>
    <message>
        <location filename="../../app/ui/admin/users_tab.py" line="240" />
        <source>Delete %1 for good? Only an account that never wrote anything can be deleted.</source>
        <translation>确定永久删除 %1 吗？只有从未写入过任何内容的账户才能删除。</translation>
    </message>
</context>
</TS>
