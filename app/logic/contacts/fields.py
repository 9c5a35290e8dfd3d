"""The contact person, declared once: a customer's or a supplier's (app/logic/contacts/
parents.py)."""

from __future__ import annotations

from app.logic.kit import fields as f
from app.logic.kit.entity import Entity, Group
from app.logic.kit.fields import Label

GENDERS = (("male", "Male", "男"), ("female", "Female", "女"))

CONTACT = Entity(
    name="contact", module="contacts",
    label=Label("Contact", "联系人"), plural=Label("Contacts", "联系人"),
    key="", scope="", scope_module="customers", archivable=False, parent="customer",
    parents=("customer", "supplier"), command="contacts",
    # Other systems' headers; on a customer's or supplier's row (its primary contact) only
    # these, never by label ("Phone" there is the company's).
    extra={"import_synonyms": {"ContactName": "name", "Contact": "name", "联系人": "name",
                               "联系人姓名": "name", "ContactTitle": "position",
                               "联系人职务": "position", "ContactPhone": "phone",
                               "联系人电话": "phone", "ContactMobile": "mobile",
                               "联系人手机": "mobile", "ContactEmail": "email",
                               "联系人邮箱": "email"},
           "import_by_synonyms_only": True},
    fields=(
        # One of the two is set (the service says which is missing or one too many).
        f.reference("customer", "Customer", "客户", "customer", listed=False, filterable=True),
        f.reference("supplier", "Supplier", "供应商", "supplier", listed=False,
                    filterable=True),
        f.text("name", "Name", "姓名", 100, required=True, sortable=True),
        f.choice("gender", "Gender", "性别", GENDERS, required=False),
        f.text("position", "Position", "职务", 100),
        f.text("department", "Department", "部门", 100),
        f.text("phone", "Phone", "电话", 40, kind="phone"),
        f.text("mobile", "Mobile", "手机", 40, kind="phone"),
        f.text("email", "E-mail", "电子邮件", 254, kind="email"),
        f.text("im_handle", "IM handle", "即时通讯账号", 100),
        f.day("birthday", "Birthday", "生日", placeholder=Label("YYYY-MM-DD", "年-月-日")),
        f.boolean("is_primary", "Primary contact", "主要联系人", filterable=True),
        f.notes("notes", "Notes", "备注", 5000),
    ),
    list_columns=("name", "position", "department", "phone", "mobile", "email",
                  "is_primary"),
    default_sort="id",
    groups=(Group(Label("Contact", "联系人"),
                  ("name", "gender", "position", "department", "phone", "mobile", "email",
                   "im_handle", "birthday", "is_primary", "notes")),),
)
