{#- Tờ trình đề nghị khen thưởng: the award proposal to the provincial People's Committee,
    with its annex list on a page of its own. -#}
{%- set t = r.to_trinh -%}
{%- set h = r.hoi_nghi -%}
{%- set d = v.proposal -%}
@meta
title: Tờ trình đề nghị khen thưởng năm {{ h.nam_tong_ket }}
author: {{ r.khoi.ten }}
subject: Đề nghị tặng {{ v.award_shorts_text }} của Ủy ban nhân dân tỉnh năm {{ h.nam_tong_ket }}
date: {{ d.iso }}
{% include "_dau.vb" %}
@title TỜ TRÌNH
{% if v.profile.party %}về{% else %}Về{% endif %} việc đề nghị tặng {{ v.award_shorts_text }} của Ủy ban nhân dân tỉnh năm {{ h.nam_tong_ket }}
@to
{% for k in t.kinh_gui %}{% if t.kinh_gui | length > 1 %}- {{ k }}{% if loop.last %}.{% else %};{% endif %}{% else %}{{ k }}.{% endif %}
{% endfor -%}
@p
{% for c in t.can_cu %}{{ c }}

{% endfor -%}
Ngày {{ v.date }}, tại {{ h.dia_diem }}, {{ r.khoi.ten }} tổ chức Hội nghị {{ h.noi_dung }}, có {{ v.present }}/{{ v.total }} cơ quan thành viên tham dự. Hội nghị đã bình xét thi đua năm {{ h.nam_tong_ket }}; kết quả như sau:
@list dash
{% for x in v.votes %}{{ x.unit.name }} (đề nghị tặng {{ x.form_short }}): {% if x.method %}{{ x.method }}, {% endif %}đạt {{ x.yes }}/{{ x.cast }} phiếu đồng ý, tỷ lệ {{ x.percent }}{% if loop.last %}.{% else %};{% endif %}
{% endfor -%}
@p
Căn cứ kết quả bình xét, {{ r.khoi.ten }} kính đề nghị Ủy ban nhân dân tỉnh:
@list dash
{% for g in v.awards %}{{ g.wording | sentence }} cho {{ g.units_text }}, {{ g.merit }} {{ r.khoi.ten }} năm {{ h.nam_tong_ket }}{% if loop.last %}.{% else %};{% endif %}
{% endfor -%}
{% if v.bonus_total %}
@p
Tổng kinh phí khen thưởng dự kiến: {{ v.bonus_total_text }} ({{ v.bonus_total_words }}), theo mức lương cơ sở áp dụng ngày {{ t.ngay_tinh_thuong | date_running(kieu=v.profile.convention) }}.
{% endif %}
{%- if t.kem_theo %}
@p
Hồ sơ kèm theo gồm: {% for k in t.kem_theo %}{{ k }}{% if loop.last %}.{% else %}; {% endif %}{% endfor %}
{% endif %}
@p
Kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./.
@closing
left label: Nơi nhận:
left item: - Như trên;
{% for n in t.noi_nhan %}left item: - {{ n }};
{% endfor -%}
left item: - {{ v.profile.archive }} VT, {{ v.block_abbr }}.
{% for role in d.signer_roles %}right role: {{ role }}
{% endfor -%}
right name: {{ d.signer_name }}
@annex
@p annex-title
DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
@p caption
(Kèm theo Tờ trình {{ d.number | replace(from="Số:", to="số") | replace(from="Số", to="số") }} ngày {{ d.date }} của {{ r.khoi.ten }})
{% if v.bonus_total -%}
@table widths=9,31,22,12,10,16 header=1 align=c,l,l,c,c,r
STT | Tên tập thể | Hình thức khen thưởng | Số phiếu đồng ý | Tỷ lệ | Tiền thưởng dự kiến (đồng)
{% for x in v.votes %}{{ loop.index }} | {{ x.unit.name }} | {{ x.form_name }} | {{ x.yes }}/{{ x.cast }} | {{ x.percent }} | {{ x.bonus_text }}
{% endfor -%}
 | **Tổng cộng** |  |  |  | **{{ v.bonus_total | thousands }}**
{% else -%}
@table widths=9,39,28,14,10 header=1 align=c,l,l,c,c
STT | Tên tập thể | Hình thức khen thưởng | Số phiếu đồng ý | Tỷ lệ
{% for x in v.votes %}{{ loop.index }} | {{ x.unit.name }} | {{ x.form_name }} | {{ x.yes }}/{{ x.cast }} | {{ x.percent }}
{% endfor -%}
{% endif %}
