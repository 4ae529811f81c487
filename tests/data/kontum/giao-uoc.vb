@meta
title: Bản giao ước thi đua năm 2024
author: Khối thi đua các cơ quan Đảng tỉnh
subject: Giao ước thi đua năm 2024 của Khối thi đua các cơ quan Đảng tỉnh
date: 2024-02-06
@header
parent: TỈNH ỦY KON TUM
issuer: KHỐI THI ĐUA CÁC CƠ QUAN ĐẢNG TỈNH
number: 
place-date: Kon Tum, ngày 06 tháng 02 năm 2024

@title BẢN GIAO ƯỚC THI ĐUA
năm 2024
@p
Căn cứ Luật Thi đua, khen thưởng ngày 15-6-2022;

Căn cứ Nghị định số 98/2023/NĐ-CP, ngày 31-12-2023 của Chính phủ quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng;

Hôm nay, ngày 06 tháng 02 năm 2024, tại Trường Chính trị tỉnh, chín cơ quan thành viên Khối thi đua các cơ quan Đảng tỉnh thống nhất ký kết giao ước thi đua năm 2024 với các nội dung sau:
@heading 1
I. NỘI DUNG GIAO ƯỚC
@list number
Tổ chức tuyên truyền, quán triệt thực hiện chủ trương, đường lối của Đảng, chính sách pháp luật của Nhà nước; tuyên truyền việc triển khai thực hiện các nghị quyết, chỉ thị, quyết định, kết luận của Trung ương, Tỉnh ủy, Ban Thường vụ Tỉnh ủy; Tiếp tục thực hiện Chỉ thị số 34-CT/TW, ngày 08-4-2014 của Bộ Chính trị khóa X "về tiếp tục đổi mới công tác thi đua-khen thưởng"; Chỉ thị 19/CT-TTg, ngày 16-7-2021 của Thủ tướng Chính phủ về phát động thi đua thực hiện thắng lợi nhiệm vụ phát triển kinh tế- xã hội năm 2021 và kế hoạch 5 năm (2021- 2025) theo Nghị quyết Đại hội đại biểu toàn quốc lần thứ XIII của Đảng. Tiếp tục triển khai thực hiện hiệu quả Kết luận số 21-KL/TW, ngày 25-10-2021 của Ban chấp hành Trung ương Đảng khóa XIII “về đẩy mạnh xây dựng, chỉnh đốn Đảng và hệ thống chính trị; kiên quyết ngăn chặn, đẩy lùi, xử lý nghiêm cán bộ, đảng viên suy thoái về tư tưởng chính trị, đạo đức, lối sống, biểu hiện "tự diễn biến", "tự chuyển hóa"; Kết luận số 01-KL/TW, ngày 18-5-2021 của Bộ Chính trị về tiếp tục thực hiện Chỉ thị số 05-CT/TW, ngày 15-5-2016 của Bộ Chính trị về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh và Chuyên đề toàn khóa, Chuyên đề năm 2023 của tỉnh.
Căn cứ chương trình, kế hoạch của các cơ quan, đơn vị để tổ chức phát động và hưởng ứng triển khai hiệu quả các phong trào thi đua yêu nước thiết thực, đem lại hiệu quả cao phù hợp với nhiệm vụ chính trị của cơ quan, đơn vị; phấn đấu hoàn thành vượt mức các nhiệm vụ chỉ tiêu năm 2024 theo Nghị quyết Đại hội XVI Đảng bộ tỉnh; triển khai thực hiện có hiệu quả Cuộc vận động "Làm thay đổi nếp nghĩ, cách làm của đồng bào dân tộc thiểu số, làm cho đồng bào dân tộc thiểu số vươn lên thoát nghèo bền vững"; triển khai các phong trào thi đua “Cả nước chung tay xây dựng nông thôn mới”, phong trào “Cả nước chung tay vì người nghèo - không để ai bị bỏ lại phía sau”; phong trào “Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở”; phong trào "Đẩy mạnh phát triển kết cấu hạ tầng đồng bộ, hiện đại, thực hành tiết kiệm, chống lãng phí" và các phong trào thi đua khác do tỉnh phát động.
Lãnh đạo, chỉ đạo triển khai thực hiện tốt nhiệm vụ chính trị được giao; siết chặt kỷ luật, kỷ cương hành chính trong chỉ đạo, điều hành và thực thi công vụ; tăng cường công tác kiểm tra, giám sát thực hiện chức trách nhiệm vụ được giao; thực hiện tốt quy chế dân chủ ở cơ sở theo Nghị định số 04-NĐ/CP, ngày 09-01-2015 của Chính phủ; xây dựng tổ chức Đảng trong sạch vững mạnh; tổ chức đoàn thể hoàn thành tốt nhiệm vụ trở lên.
Tiếp tục phát huy vai trò lãnh đạo, chỉ đạo của cấp ủy, chính quyền và Hội đồng Thi đua - Khen thưởng các cơ quan, đơn vị; công tác thi đua, khen thưởng phải tập trung chỉ đạo từ khâu đề xuất, lựa chọn, yêu cầu phải thực sự công khai, đảm bảo đúng quy trình, đúng thành tích, đúng đối tượng và tiêu chuẩn quy định.
Duy trì và nâng cao chất lượng hoạt động của Khối thi đua, chia sẻ kinh nghiệm, mô hình, giải pháp thiết thực, tạo sự lan tỏa trong phong trào thi đua toàn Khối. Thường xuyên đôn đốc, kiểm tra, sơ kết, tổng kết, đánh giá kết quả thực hiện các phong trào thi đua yêu nước trên cơ sở thực hiện nhiệm vụ chính trị của từng cơ quan, đơn vị.
Lãnh đạo đội ngũ cán bộ, đảng viên, công chức, viên chức phát huy tinh thần "Trung thành, sáng tạo, tận tụy, gương mẫu", phấn đấu hoàn thành tốt mọi nhiệm vụ được giao; gắn nhiệm vụ cá nhân với nhiệm vụ của tập thể; không có tập thể, cá nhân vi phạm các quy định của Đảng, pháp luật của Nhà nước.

@heading 1
II. TỔ CHỨC THỰC HIỆN
@list number
Trưởng khối thi đua có trách nhiệm theo dõi, đôn đốc các cơ quan thành viên thực hiện bản giao ước; tổ chức sơ kết 6 tháng và tổng kết năm.
Kết quả thực hiện bản giao ước là căn cứ để chấm điểm, bình xét, đề nghị khen thưởng cuối năm.

@p
Bản giao ước có hiệu lực kể từ ngày ký, được lập thành 09 bản, mỗi cơ quan thành viên giữ 01 bản./.
@p center
ĐẠI DIỆN CÁC CƠ QUAN KÝ GIAO ƯỚC
@grid 3
id: bnc
agency: BAN NỘI CHÍNH TỈNH ỦY
role: TRƯỞNG BAN
name: 

id: btg
agency: BAN TUYÊN GIÁO TỈNH ỦY
role: TRƯỞNG BAN
name: 

id: btc
agency: BAN TỔ CHỨC TỈNH ỦY
role: TRƯỞNG BAN
name: 

id: ubkt
agency: ỦY BAN KIỂM TRA TỈNH ỦY
role: CHỦ NHIỆM
name: 

id: bdv
agency: BAN DÂN VẬN TỈNH ỦY
role: TRƯỞNG BAN
name: 

id: vptu
agency: VĂN PHÒNG TỈNH ỦY
role: CHÁNH VĂN PHÒNG
name: 

id: tct
agency: TRƯỜNG CHÍNH TRỊ TỈNH
role: HIỆU TRƯỞNG
name: 

id: dukcq
agency: ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH
role: BÍ THƯ
name: 

id: bao
agency: BÁO KON TUM
role: TỔNG BIÊN TẬP
name: 

