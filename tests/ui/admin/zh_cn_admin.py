"""Simplified Chinese for the administration and audit screens (fills kehu_admin_zh_CN.ts).

Run ``uv run python tests/ui/admin/zh_cn_admin.py`` after pyside6-lupdate; it writes every
translation into the .ts file and reports any source text that has none.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).resolve().parents[3] / "resources" / "i18n" / "kehu_admin_zh_CN.ts"

ZH = {
    "At least %1 characters are needed.": "至少需要 %1 个字符。",
    "Customers": "客户", "Contacts": "联系人", "Projects": "项目", "Suppliers": "供应商",
    "Products": "产品", "Feedback": "客户反馈", "Activities": "活动", "Sales": "销售",
    "Finance": "财务", "Reports": "报表", "Administration": "系统管理", "Audit log": "审计日志",
    "View": "查看", "Create": "新增", "Edit": "编辑", "Delete": "删除", "Export": "导出",
    "Import": "导入", "Approve": "审批",
    "Own records": "本人记录", "Team's records": "本团队记录", "All records": "全部记录",
    "Administrator": "系统管理员", "Sales manager": "销售经理", "Salesperson": "销售员",
    "Service": "客服", "Auditor": "审计员",
    "Everything, including users, roles and the audit log": "全部权限，包括用户、角色和审计日志",
    "The team's customers, reports, exports, credit override":
        "本团队的客户、报表、导出和信用额度审批",
    "Own customers only": "仅本人负责的客户", "Invoices, payments, credit limits":
        "发票、收款和信用额度", "Feedback tickets": "客户反馈工单",
    "Reads everything including the audit log; changes nothing":
        "可查看全部内容（含审计日志），不能修改",
    "You cannot do this to your own account.": "不能对自己的账户执行此操作。",
    "At least one active administrator with full administration rights must remain.":
        "必须保留至少一名拥有全部管理权限的在用管理员。",
    "This user has written records or owns customers, so the account cannot be deleted. "
    "Disable it instead.": "该用户已写入过记录或负责客户，不能删除账户，请改为停用。",
    "This password is too common or equals the user name; choose another.":
        "此密码过于常见或与用户名相同，请另选一个。",
    "The new password must differ from the current one.": "新密码不能与当前密码相同。",
    "One of the chosen roles no longer exists.": "所选的某个角色已不存在。",
    "The chosen department no longer exists.": "所选部门已不存在。",
    "Unknown right.": "未知权限。", "Unknown record scope.": "未知数据范围。",
    "It is still in use; remove its members first.": "仍在使用中，请先移除其成员。",
    "This name is already used.": "此名称已被使用。",
    "Use letters, digits and _ only.": "只能使用字母、数字和下划线 _。",
    "The two passwords are not the same.": "两次输入的密码不一致。",
    "User name": "用户名", "Display name": "显示名称", "Password": "密码", "Roles": "角色",
    "Department": "部门", "User": "用户", "Role": "角色", "Rights": "权限",
    "Record scope": "数据范围", "Description": "说明", "Manager": "负责人",
    "Minimum password length": "密码最短长度",
    "Failed sign-ins before lockout": "锁定前允许的登录失败次数",
    "Lockout (minutes)": "锁定时长（分钟）", "Lock when idle (minutes)": "空闲锁屏（分钟）",
    "You do not have the right to view the administration.": "您没有查看系统管理的权限。",
    "&Users": "用户(&U)", "&Roles": "角色(&R)", "&Departments": "部门(&D)",
    "&Security": "安全(&S)",
    "Field": "字段", "Before": "修改前", "After": "修改后",
    "Choose an entry to see what it changed.": "选择一条记录以查看其修改内容。",
    "No. %1 · %2 · %3 · %4 %5 %6": "第 %1 条 · %2 · %3 · %4%5 %6",
    "Exporting the audit log...": "正在导出审计日志……",
    "All users": "全部用户", "All entities": "全部对象", "All actions": "全部操作",
    "&From": "起始(&F)", "&To": "截止(&T)",
    "Text in changes, record ID or user name": "修改内容、记录编号或用户名中的文字",
    "C&lear filters": "清除筛选(&L)", "&User": "用户(&U)", "&Entity": "对象(&E)",
    "&Action": "操作(&A)", "Te&xt": "文字(&X)",
    "Update": "修改", "Archive": "归档", "Restore": "恢复", "Disable": "停用",
    "Enable": "启用", "Reset password": "重置密码", "Unlock": "解锁", "Sign in": "登录",
    "Failed sign-in": "登录失败", "Lockout": "账户锁定", "Password change": "修改密码",
    "Demo data": "演示数据", "Customer": "客户", "Contact": "联系人", "Settings": "设置",
    "Database": "数据库", "Active": "在用", "Locked until": "锁定至",
    "Must change password": "须修改密码", "Rights (removed / added)": "权限（移除 / 新增）",
    "Copied from": "复制自", "Reason": "原因", "Rows": "行数", "File": "文件",
    "Filter": "筛选条件", "Archived": "已归档",
    "No.": "序号", "Time": "时间", "Action": "操作", "Entity": "对象", "Entity ID": "记录编号",
    "Changed fields": "修改的字段",
    "You do not have the right to view the audit log.": "您没有查看审计日志的权限。",
    "&Refresh": "刷新(&R)", "&Verify chain": "校验哈希链(&V)",
    "E&xport to Excel...": "导出到 Excel(&X)……",
    "You do not have the right to export the audit log.": "您没有导出审计日志的权限。",
    "%1 entries": "共 %1 条", "Verifying...": "正在校验……",
    "Chain intact: %1 entries checked.": "哈希链完好：已校验 %1 条。",
    "Chain broken at entry %1: %2": "哈希链在第 %1 条处断开：%2",
    "an entry is missing or out of order": "有记录缺失或顺序错乱",
    "the link to the previous entry is broken": "与上一条记录的链接已断开",
    "its content was changed after it was written": "写入后内容被篡改",
    "Export the audit log": "导出审计日志", "Excel workbook (*.xlsx)": "Excel 工作簿 (*.xlsx)",
    "Export cancelled; no file was written.": "导出已取消，未写入任何文件。",
    "Exported %1 entries to %2.": "已将 %1 条记录导出到 %2。",
    "New department": "新建部门", "Edit department": "编辑部门",
    "(no manager)": "（无负责人）", "&Name:": "名称(&N)：", "&Manager:": "负责人(&M)：",
    "Members": "成员数", "&Add...": "添加(&A)……", "&Edit...": "编辑(&E)……",
    "De&lete": "删除(&L)", "Delete department": "删除部门",
    "Delete the department %1?": "确定删除部门“%1”吗？",
    "Reset password of %1": "重置 %1 的密码",
    "The user must choose a new password at the next sign-in.":
        "该用户下次登录时必须设置新密码。",
    "&Temporary password:": "临时密码(&T)：", "&Repeat:": "再次输入(&R)：",
    "New role": "新建角色", "Copy role %1": "复制角色“%1”",
    "letters, digits and _": "字母、数字和下划线", "(no rights)": "（无权限）",
    "%1 (copy)": "%1（副本）", "&Code:": "代码(&C)：", "&Description:": "说明(&D)：",
    "Copy rights &from:": "复制权限自(&F)：", "Module": "模块",
    "Record scope of %1": "%1的数据范围", "&New...": "新建(&N)……",
    "&Copy...": "复制(&C)……", "N&ame:": "名称(&A)：", "Desc&ription:": "说明(&R)：",
    "Members:": "成员数：", "&Save role": "保存角色(&S)", "&Revert": "还原(&R)",
    "Delete role": "删除角色", "Delete the role %1?": "确定删除角色“%1”吗？",
    "Changes apply to the next sign-in; every change is recorded in the audit log.":
        "修改在下次登录时生效；每次修改都会记入审计日志。",
    "&Save settings": "保存设置(&S)", "New user": "新建用户", "Edit user %1": "编辑用户 %1",
    "(no department)": "（无部门）", "&User name:": "用户名(&U)：",
    "&Display name:": "显示名称(&D)：", "&Password:": "密码(&P)：",
    "&Repeat password:": "确认密码(&R)：", "R&oles:": "角色(&O)：",
    "D&epartment:": "部门(&E)：", "Disabled": "已停用", "locked": "已锁定",
    "must change password": "须修改密码", "Status": "状态", "Last sign-in": "最近登录",
    "&Add user...": "添加用户(&A)……", "Reset &password...": "重置密码(&P)……",
    "&Unlock": "解锁(&U)", "D&isable": "停用(&I)", "En&able": "启用(&A)",
    "Disable user": "停用用户",
    "Disable %1? The account can no longer sign in.": "确定停用 %1 吗？该账户将无法登录。",
    "Delete user": "删除用户",
    "Delete %1 for good? Only an account that never wrote anything can be deleted.":
        "确定永久删除 %1 吗？只有从未写入过任何内容的账户才能删除。",
}


def fill(path: Path = TS) -> list[str]:
    """Write the translations into ``path``; return the sources that have none."""
    tree = ET.parse(path)
    missing = []
    for message in tree.iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        if source in ZH:
            translation.text = ZH[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    body = ET.tostring(tree.getroot(), encoding="unicode")
    path.write_text(f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n{body}\n',
                    encoding="utf-8")
    return missing


if __name__ == "__main__":
    left = fill()
    print("\n".join(left) or "all translated")
    sys.exit(1 if left else 0)
