{#- Tờ trình đề nghị khen thưởng: the award proposal to the authority `d.addressee`, with
    the votes of the meeting `m` (`h` as written), and its annex list on a page of its own.
    Awards above the addressee are worded as a request to forward them (`d.requests`). -#}
{%- set t = r.to_trinh -%}
@meta
title: Tờ trình đề nghị khen thưởng năm {{ m.reviews }}
author: {{ d.issuer }}
subject: Đề nghị tặng {{ d.award_names_text }} năm {{ m.reviews }}
date: {{ d.iso }}
{% include "_dau.vb" %}
@title TỜ TRÌNH
{% if v.profile.party %}về{% else %}Về{% endif %} việc đề nghị tặng {{ d.award_names_text }} năm {{ m.reviews }}
@to
{% for k in d.to %}{% if d.to | length > 1 %}- {{ k }}{% if loop.last %}.{% else %};{% endif %}{% else %}{{ k }}.{% endif %}
{% endfor -%}
@p
{% for c in d.bases %}{{ c }}

{% endfor -%}
Ngày {{ m.date }}, {% if h.dia_diem %}tại {{ h.dia_diem }}, {% endif %}{{ r.khoi.ten }} tổ chức Hội nghị {{ h.noi_dung }}{% if m.attendance %}, có {{ m.present }}/{{ v.total }} cơ quan thành viên tham dự{% endif %}. Hội nghị đã bình xét thi đua năm {{ m.reviews }}; kết quả như sau:
@list dash
{% for x in d.votes %}{{ x.unit.name }} (đề nghị {{ x.wording }}): {% if x.method %}{{ x.method }}, {% endif %}đạt {{ x.yes }}/{{ x.cast }} phiếu đồng ý, tỷ lệ {{ x.percent }}{% if loop.last %}.{% else %};{% endif %}
{% endfor -%}
@p
Căn cứ kết quả bình xét, {{ d.speaker }} kính đề nghị {{ d.addressee }}:
@list dash
{% for q in d.requests %}{{ q.text }}, {{ q.merit }} {{ r.khoi.ten }} năm {{ m.reviews }}{% if loop.last %}.{% else %};{% endif %}
{% endfor -%}
{% if d.bonus_total %}
@p
Tổng kinh phí khen thưởng dự kiến: {{ d.bonus_total_text }} ({{ d.bonus_total_words }}), theo mức lương cơ sở áp dụng ngày {{ t.ngay_tinh_thuong | date_running(kieu=v.profile.convention) }}.
{% endif %}
{%- if t.kem_theo %}
@p
Hồ sơ kèm theo gồm: {% for k in t.kem_theo %}{{ k }}{% if loop.last %}.{% else %}; {% endif %}{% endfor %}
{% endif %}
@p
Kính trình {{ d.addressee }} xem xét, quyết định./.
@closing
left label: Nơi nhận:
left item: - Như trên;
{% for n in t.noi_nhan %}left item: - {{ n }};
{% endfor -%}
left item: - {{ v.profile.archive }} VT, {{ d.abbr }}.
right id: nguoi-ky
right seal: co-quan
{% for role in d.signer_roles %}right role: {{ role }}
{% endfor -%}
right name: {{ d.signer_name }}
@annex
@p annex-title
DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG
@p caption
(Kèm theo Tờ trình {{ d.number | replace(from="Số:", to="số") | replace(from="Số", to="số") }} ngày {{ d.date }} của {{ d.issuer }})
{% if d.bonus_total -%}
@table widths=9,31,22,12,10,16 header=1 align=c,l,l,c,c,r
STT | Tên tập thể | Hình thức khen thưởng | Số phiếu đồng ý | Tỷ lệ | Tiền thưởng dự kiến (đồng)
{% for x in d.votes %}{{ loop.index }} | {{ x.unit.name }} | {{ x.form_name }} | {{ x.yes }}/{{ x.cast }} | {{ x.percent }} | {{ x.bonus_text }}
{% endfor -%}
 | **Tổng cộng** |  |  |  | **{{ d.bonus_total | thousands }}**
{% else -%}
@table widths=9,39,28,14,10 header=1 align=c,l,l,c,c
STT | Tên tập thể | Hình thức khen thưởng | Số phiếu đồng ý | Tỷ lệ
{% for x in d.votes %}{{ loop.index }} | {{ x.unit.name }} | {{ x.form_name }} | {{ x.yes }}/{{ x.cast }} | {{ x.percent }}
{% endfor -%}
{% endif %}
