<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name></name>
    <message>
        <source>Enter a percentage from 0 to 100, e.g. 30 %.</source>
        <translation>请输入 0 到 100 之间的百分数，例如 30 %。</translation>
    </message>
    <message>
        <source>Enter a positive number such as 2 or 0.5.</source>
        <translation>请输入正数，例如 2 或 0.5。</translation>
    </message>
    <message>
        <source>Write a number with an optional unit, e.g. &apos;250 g&apos;.</source>
        <translation>请输入数值，可带单位，例如“250 g”。</translation>
    </message>
    <message>
        <source>a part needs a material</source>
        <translation>零件必须指定材料</translation>
    </message>
    <message>
        <source>{text!r} is not a material of the catalogue</source>
        <translation>{text!r} 不是材料目录中的材料</translation>
    </message>
    <message>
        <source>did you mean {codes}?</source>
        <translation>是否指的是 {codes}？</translation>
    </message>
    <message>
        <source>Type part of a material name in English or Chinese and pick it from the list.</source>
        <translation>输入材料的中文或英文名称的一部分，然后从列表中选择。</translation>
    </message>
    <message>
        <source>{text!r} is not a joint type.</source>
        <translation>{text!r} 不是有效的连接方式。</translation>
    </message>
    <message>
        <source>Use one of: {joints}; add ×N for N joints, e.g. screw ×4.</source>
        <translation>可用：{joints}；N 个连接写作 ×N，例如 screw ×4。</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>an assembly has no such field.</source>
        <translation>组件没有此字段。</translation>
    </message>
    <message>
        <source>the id {id!r} is already used by another row.</source>
        <translation>编号 {id!r} 已被其他行使用。</translation>
    </message>
    <message>
        <source>Every part and assembly needs its own id.</source>
        <translation>每个零件和组件都需要唯一的编号。</translation>
    </message>
    <message>
        <source>name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>recycled content</source>
        <translation>再生料含量</translation>
    </message>
    <message>
        <source>scrap rate</source>
        <translation>废料率</translation>
    </message>
    <message>
        <source>joint</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>priority</source>
        <translation>优先级</translation>
    </message>
    <message>
        <source>mass source</source>
        <translation>质量来源</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>substances</source>
        <translation>有害物质</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>end of life</source>
        <translation>废弃处置方式</translation>
    </message>
    <message>
        <source>plastic marking</source>
        <translation>塑料标识</translation>
    </message>
    <message>
        <source>Edit {fields} of “{name}”</source>
        <translation>编辑“{name}”的{fields}</translation>
    </message>
    <message>
        <source>(and {count} more)</source>
        <translation>（另有 {count} 项）</translation>
    </message>
    <message>
        <source>GreenDesign</source>
        <translation>GreenDesign 绿色设计</translation>
    </message>
    <message>
        <source>{count} problem(s); see the details.</source>
        <translation>共 {count} 个问题，请查看详细信息。</translation>
    </message>
    <message>
        <source>Unexpected error</source>
        <translation>意外错误</translation>
    </message>
    <message>
        <source>Something went wrong that GreenDesign did not expect: {error}</source>
        <translation>GreenDesign 遇到了意外错误：{error}</translation>
    </message>
    <message>
        <source>A copy of your project was saved; if GreenDesign closes, it is offered for recovery at the next start.</source>
        <translation>已保存项目副本；如果 GreenDesign 关闭，下次启动时会提供恢复。</translation>
    </message>
    <message>
        <source>Your project is still open; save it under a new name to be safe.</source>
        <translation>项目仍处于打开状态；为安全起见，请另存为新文件。</translation>
    </message>
    <message>
        <source>The details are in the log file:
{path}</source>
        <translation>详细信息已写入日志文件：
{path}</translation>
    </message>
    <message>
        <source>{value} {unit}, {source} ({verification}, {year})</source>
        <translation>{value} {unit}，{source}（{verification}，{year}）</translation>
    </message>
    <message>
        <source>Declared GWP100</source>
        <translation>声明的 GWP100</translation>
    </message>
    <message>
        <source>Covers</source>
        <translation>涵盖</translation>
    </message>
    <message>
        <source>this part: material and processes, cradle to gate</source>
        <translation>本零件：材料和工艺，从摇篮到大门</translation>
    </message>
    <message>
        <source>the material of every part without its own value</source>
        <translation>所有没有自身数值的零件的该材料</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Verification</source>
        <translation>验证</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Geography</source>
        <translation>地理范围</translation>
    </message>
    <message>
        <source>Pedigree</source>
        <translation>谱系评分</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>范围</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Assembly</source>
        <translation>组件</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Quantity per parent</source>
        <translation>每上级数量</translation>
    </message>
    <message>
        <source>Units per product</source>
        <translation>每件产品数量</translation>
    </message>
    <message>
        <source>Identity</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Mass per unit</source>
        <translation>单件质量</translation>
    </message>
    <message>
        <source>Mass source</source>
        <translation>质量来源</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Recycled content</source>
        <translation>再生料含量</translation>
    </message>
    <message>
        <source>Scrap rate</source>
        <translation>废料率</translation>
    </message>
    <message>
        <source>Material input</source>
        <translation>材料投入量</translation>
    </message>
    <message>
        <source>Mass and material</source>
        <translation>质量与材料</translation>
    </message>
    <message>
        <source>Supplier data</source>
        <translation>供应商数据</translation>
    </message>
    <message>
        <source>Contents</source>
        <translation>组成</translation>
    </message>
    <message>
        <source>Child rows</source>
        <translation>子行数</translation>
    </message>
    <message>
        <source>Parts inside</source>
        <translation>所含零件</translation>
    </message>
    <message>
        <source>part mass</source>
        <translation>零件质量</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>加工工艺</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>制造</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>连接方式</translation>
    </message>
    <message>
        <source>Joint count</source>
        <translation>连接数量</translation>
    </message>
    <message>
        <source>Reversible</source>
        <translation>可拆卸</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Priority part</source>
        <translation>优先拆解零件</translation>
    </message>
    <message>
        <source>Assembly and disassembly</source>
        <translation>装配与拆解</translation>
    </message>
    <message>
        <source>Declared substances</source>
        <translation>申报物质</translation>
    </message>
    <message>
        <source>none declared</source>
        <translation>未申报</translation>
    </message>
    <message>
        <source>Plastic marking (ISO 11469)</source>
        <translation>塑料标识（ISO 11469）</translation>
    </message>
    <message>
        <source>End of life (override)</source>
        <translation>报废处理（单独设定）</translation>
    </message>
    <message>
        <source>reuse {reuse}, recycling {rec}, energy {energy}, landfill {landfill}</source>
        <translation>再使用 {reuse}，回收利用 {rec}，能量回收 {energy}，填埋 {landfill}</translation>
    </message>
    <message>
        <source>Inbound transport</source>
        <translation>进厂运输</translation>
    </message>
    <message>
        <source>Substances and end of life</source>
        <translation>物质与报废处理</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Select a part or assembly to see all its fields.</source>
        <translation>选择零件或组件以查看其全部字段。</translation>
    </message>
    <message>
        <source>household appliance</source>
        <translation>家用电器</translation>
    </message>
    <message>
        <source>furniture</source>
        <translation>家具</translation>
    </message>
    <message>
        <source>electronics</source>
        <translation>电子产品</translation>
    </message>
    <message>
        <source>other</source>
        <translation>其他</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>未保存的更改</translation>
    </message>
    <message>
        <source>Save the changes to “{name}”?</source>
        <translation>是否保存对“{name}”的更改？</translation>
    </message>
    <message>
        <source>Your changes are lost if you don&apos;t save them.</source>
        <translation>如果不保存，您的更改将会丢失。</translation>
    </message>
    <message>
        <source>Recover unsaved changes</source>
        <translation>恢复未保存的更改</translation>
    </message>
    <message>
        <source>an unsaved project</source>
        <translation>未保存的项目</translation>
    </message>
    <message>
        <source>GreenDesign did not close normally. An autosaved copy of “{name}” from {when} has changes that are not in the saved file.</source>
        <translation>GreenDesign 上次未正常关闭。“{name}”有一份 {when} 自动保存的副本，其中包含已保存文件中没有的更改。</translation>
    </message>
    <message>
        <source>Recover the copy, open the saved file instead (the copy is deleted), or decide at the next start.</source>
        <translation>可以恢复该副本，或改为打开已保存的文件（副本将被删除），也可以下次启动时再决定。</translation>
    </message>
    <message>
        <source>Recover</source>
        <translation>恢复</translation>
    </message>
    <message>
        <source>Open the saved file</source>
        <translation>打开已保存的文件</translation>
    </message>
    <message>
        <source>Decide later</source>
        <translation>以后再决定</translation>
    </message>
    <message>
        <source>Discard the copy</source>
        <translation>丢弃副本</translation>
    </message>
    <message>
        <source>GreenDesign is already running</source>
        <translation>GreenDesign 已在运行</translation>
    </message>
    <message>
        <source> (process {pid})</source>
        <translation>（进程 {pid}）</translation>
    </message>
    <message>
        <source>GreenDesign is already open in another window{who}.</source>
        <translation>GreenDesign 已在另一个窗口中打开{who}。</translation>
    </message>
    <message>
        <source>Only one window can edit projects at a time, so that autosave, settings and the local inventory stay intact. This window can open read-only: you can look at and export projects, but not change or save them.</source>
        <translation>同一时间只能有一个窗口编辑项目，以保证自动保存、设置和本地清单数据库完好。此窗口可以只读方式打开：可以查看和导出项目，但不能修改或保存。</translation>
    </message>
    <message>
        <source>Open read-only</source>
        <translation>以只读方式打开</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The improvement cannot be applied: {error}</source>
        <translation>无法应用该改进建议：{error}</translation>
    </message>
    <message>
        <source>The improvement no longer applies to this design.</source>
        <translation>该改进建议已不适用于此设计方案。</translation>
    </message>
    <message>
        <source>Wait for the scores to update and choose it again.</source>
        <translation>请等待评分更新后重新选择。</translation>
    </message>
    <message>
        <source>A design named “{name}” already exists.</source>
        <translation>名为“{name}”的设计方案已存在。</translation>
    </message>
    <message>
        <source>Choose another name for the variant.</source>
        <translation>请为设计变体另取一个名称。</translation>
    </message>
    <message>
        <source>Add variant “{name}”</source>
        <translation>添加设计变体“{name}”</translation>
    </message>
    <message>
        <source>per {unit}</source>
        <translation>每{unit}</translation>
    </message>
    <message>
        <source>Provenance</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Recipe per {unit}</source>
        <translation>每{unit}的组成</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Cradle-to-gate impacts per {unit}</source>
        <translation>每{unit}的从摇篮到大门影响</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>{unit} per {per}</source>
        <translation>{unit}/{per}</translation>
    </message>
    <message>
        <source>Exchanges per {unit}</source>
        <translation>每{unit}的交换流</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>流</translation>
    </message>
    <message>
        <source>Location or compartment</source>
        <translation>地点或环境介质</translation>
    </message>
    <message>
        <source>No exchanges.</source>
        <translation>无交换流。</translation>
    </message>
    <message>
        <source>Truck 3.5–7.5 t</source>
        <translation>货车 3.5–7.5 吨</translation>
    </message>
    <message>
        <source>Truck 7.5–16 t</source>
        <translation>货车 7.5–16 吨</translation>
    </message>
    <message>
        <source>Truck 16–32 t</source>
        <translation>货车 16–32 吨</translation>
    </message>
    <message>
        <source>Truck over 32 t</source>
        <translation>32 吨以上货车</translation>
    </message>
    <message>
        <source>Rail</source>
        <translation>铁路</translation>
    </message>
    <message>
        <source>Barge</source>
        <translation>内河驳船</translation>
    </message>
    <message>
        <source>Container ship</source>
        <translation>集装箱船</translation>
    </message>
    <message>
        <source>Air freight</source>
        <translation>航空货运</translation>
    </message>
    <message>
        <source>Choose a process from the catalogue.</source>
        <translation>请从数据集目录中选择一种工艺。</translation>
    </message>
    <message>
        <source>{text!r} is not a process of the dataset catalogue.</source>
        <translation>{text!r} 不是数据集目录中的工艺。</translation>
    </message>
    <message>
        <source>Type part of its name and pick it from the list.</source>
        <translation>输入名称的一部分并从列表中选择。</translation>
    </message>
    <message>
        <source>{what}: {text!r} is not a percentage.</source>
        <translation>{what}：{text!r} 不是百分数。</translation>
    </message>
    <message>
        <source>Amount: {reason}.</source>
        <translation>用量：{reason}。</translation>
    </message>
    <message>
        <source>Enter the distance in km.</source>
        <translation>请输入运输距离（km）。</translation>
    </message>
    <message>
        <source>Distance: {reason}.</source>
        <translation>运输距离：{reason}。</translation>
    </message>
    <message>
        <source>not stated</source>
        <translation>未说明</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>{size} B</source>
        <translation>{size} B</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} KB</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} MB</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>出具机构</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日期</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>对应指标</translation>
    </message>
    <message>
        <source>Stated value</source>
        <translation>报告数值</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>File</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>expired</source>
        <translation>已过期</translation>
    </message>
    <message>
        <source>not yet valid</source>
        <translation>尚未生效</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>有效</translation>
    </message>
    <message>
        <source>SHA-256 {hash}</source>
        <translation>SHA-256 {hash}</translation>
    </message>
    <message>
        <source>Ids of the indicators and requirements it supports, separated by commas</source>
        <translation>所支持的指标和基本要求的编号,以逗号分隔</translation>
    </message>
    <message>
        <source>A date as YYYY-MM-DD; empty for none</source>
        <translation>日期格式为 YYYY-MM-DD;无则留空</translation>
    </message>
    <message>
        <source>{text} is not a date (YYYY-MM-DD)</source>
        <translation>{text} 不是日期(YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>inventory</source>
        <translation>完整清单</translation>
    </message>
    <message>
        <source>GHG only</source>
        <translation>仅温室气体</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代用数据</translation>
    </message>
    <message>
        <source>no data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>, </source>
        <translation>、</translation>
    </message>
</context>
<context>
    <name>ApplicantForm</name>
    <message>
        <source>Company name (Chinese)</source>
        <translation>企业名称(中文)</translation>
    </message>
    <message>
        <source>Company name (English)</source>
        <translation>企业名称(英文)</translation>
    </message>
    <message>
        <source>Unified social credit code</source>
        <translation>统一社会信用代码</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>地址</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>联系人</translation>
    </message>
    <message>
        <source>Telephone</source>
        <translation>联系电话</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>电子邮箱</translation>
    </message>
    <message>
        <source>Legal representative</source>
        <translation>法定代表人</translation>
    </message>
    <message>
        <source>18 characters, e.g. 91350100M000100Y43</source>
        <translation>18 位,如 91350100M000100Y43</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申报企业</translation>
    </message>
    <message>
        <source>Standard</source>
        <translation>标准</translation>
    </message>
    <message>
        <source>Other standard</source>
        <translation>其他标准</translation>
    </message>
    <message>
        <source>Certificate number</source>
        <translation>证书编号</translation>
    </message>
    <message>
        <source>Issuer</source>
        <translation>发证机构</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>有效期至</translation>
    </message>
    <message>
        <source>Add certificate</source>
        <translation>添加证书</translation>
    </message>
    <message>
        <source>Remove certificate</source>
        <translation>删除证书</translation>
    </message>
    <message>
        <source>Management system certificates</source>
        <translation>管理体系认证证书</translation>
    </message>
    <message>
        <source>no end date</source>
        <translation>长期有效</translation>
    </message>
    <message>
        <source>Edit {field}</source>
        <translation>编辑{field}</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>(未命名)</translation>
    </message>
    <message>
        <source>Edit the certificates</source>
        <translation>编辑认证证书</translation>
    </message>
    <message>
        <source>Add a certificate</source>
        <translation>添加认证证书</translation>
    </message>
    <message>
        <source>Remove a certificate</source>
        <translation>删除认证证书</translation>
    </message>
</context>
<context>
    <name>AttributionPanel</name>
    <message>
        <source>Parts that differ</source>
        <translation>有差异的零件</translation>
    </message>
    <message>
        <source>All parts</source>
        <translation>全部零件</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>What changed</source>
        <translation>变更内容</translation>
    </message>
    <message>
        <source>Reference</source>
        <translation>参照方案</translation>
    </message>
    <message>
        <source>Design</source>
        <translation>设计方案</translation>
    </message>
    <message>
        <source>Difference</source>
        <translation>差值</translation>
    </message>
    <message>
        <source>Lever</source>
        <translation>改进措施</translation>
    </message>
    <message>
        <source>Share of the difference (%)</source>
        <translation>占差值的比例（%）</translation>
    </message>
    <message>
        <source>Material change: another material, recycled content or supply transport of a part in both designs. Mass change: its material input mass, at the reference material. Process change: the manufacturing stage. Use phase: energy, consumables and replacements. Parts added or removed: everything those parts carry.</source>
        <translation>材料变更：两个方案中同一零件的材料、再生料含量或供应运输不同。质量变更：按参照材料计的材料投入质量变化。工艺变更：生产制造阶段。使用阶段：能源、耗材和更换零件。零件增减：这些零件所承载的全部影响。</translation>
    </message>
    <message>
        <source>Design:</source>
        <translation>设计方案：</translation>
    </message>
    <message>
        <source>By part</source>
        <translation>按零件</translation>
    </message>
    <message>
        <source>By lever</source>
        <translation>按改进措施</translation>
    </message>
    <message>
        <source>Material change</source>
        <translation>材料变更</translation>
    </message>
    <message>
        <source>Mass change</source>
        <translation>质量变更</translation>
    </message>
    <message>
        <source>Process change</source>
        <translation>工艺变更</translation>
    </message>
    <message>
        <source>Use phase</source>
        <translation>使用阶段</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置阶段</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分销/运输阶段</translation>
    </message>
    <message>
        <source>Parts added or removed</source>
        <translation>零件增减</translation>
    </message>
    <message>
        <source>changed</source>
        <translation>已变更</translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation>未变更</translation>
    </message>
    <message>
        <source>added</source>
        <translation>新增</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>已删除</translation>
    </message>
    <message>
        <source>product level</source>
        <translation>产品层面</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>recycled content</source>
        <translation>再生料含量</translation>
    </message>
    <message>
        <source>scrap rate</source>
        <translation>废料率</translation>
    </message>
    <message>
        <source>processes</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>end of life</source>
        <translation>废弃处置方式</translation>
    </message>
    <message>
        <source>transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>replacements</source>
        <translation>更换零件</translation>
    </message>
    <message>
        <source>part or assembly</source>
        <translation>零件或组件</translation>
    </message>
    <message>
        <source>(product level: use energy, distribution, factory)</source>
        <translation>（产品层面：使用能耗、分销、工厂）</translation>
    </message>
    <message>
        <source>{design} vs {reference}: {difference} {unit} in total; the rows add up to this difference.</source>
        <translation>{design} 与 {reference} 相比：合计相差 {difference} {unit}；各行之和等于该差值。</translation>
    </message>
</context>
<context>
    <name>AutosaveController</name>
    <message>
        <source>Autosave failed: {error}</source>
        <translation>自动保存失败：{error}</translation>
    </message>
</context>
<context>
    <name>BomEditor</name>
    <message>
        <source>Add &amp;Part</source>
        <translation>添加零件(&amp;P)</translation>
    </message>
    <message>
        <source>Add a part after the selected row, or inside the selected assembly</source>
        <translation>在所选行之后或所选组件内添加零件</translation>
    </message>
    <message>
        <source>Add &amp;Assembly</source>
        <translation>添加组件(&amp;A)</translation>
    </message>
    <message>
        <source>Add an empty assembly after the selected row</source>
        <translation>在所选行之后添加空组件</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>删除(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the selected rows (an assembly with its parts)</source>
        <translation>删除所选行（组件连同其零件）</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>复制(&amp;U)</translation>
    </message>
    <message>
        <source>Copy the selected row below itself, with new ids</source>
        <translation>在所选行下方复制一份，使用新编号</translation>
    </message>
    <message>
        <source>&amp;Indent</source>
        <translation>降级(&amp;I)</translation>
    </message>
    <message>
        <source>Move the row into the assembly above it</source>
        <translation>将该行移入其上方的组件</translation>
    </message>
    <message>
        <source>&amp;Outdent</source>
        <translation>升级(&amp;O)</translation>
    </message>
    <message>
        <source>Move the row out of its assembly, below it</source>
        <translation>将该行移出所在组件，置于组件之后</translation>
    </message>
    <message>
        <source>Move &amp;Up</source>
        <translation>上移(&amp;U)</translation>
    </message>
    <message>
        <source>Move the row above the one before it</source>
        <translation>将该行移到前一行之上</translation>
    </message>
    <message>
        <source>Move Do&amp;wn</source>
        <translation>下移(&amp;W)</translation>
    </message>
    <message>
        <source>Move the row below the one after it</source>
        <translation>将该行移到后一行之下</translation>
    </message>
    <message>
        <source>This window is read-only: another GreenDesign window is editing projects.</source>
        <translation>此窗口为只读：另一个 GreenDesign 窗口正在编辑项目。</translation>
    </message>
    <message>
        <source>Open or create a project first.</source>
        <translation>请先打开或新建项目。</translation>
    </message>
    <message>
        <source>New part</source>
        <translation>新零件</translation>
    </message>
    <message>
        <source>Add part</source>
        <translation>添加零件</translation>
    </message>
    <message>
        <source>Added a part: type its name, mass and material.</source>
        <translation>已添加零件：请输入名称、质量和材料。</translation>
    </message>
    <message>
        <source>New assembly</source>
        <translation>新组件</translation>
    </message>
    <message>
        <source>Add assembly</source>
        <translation>添加组件</translation>
    </message>
    <message>
        <source>Select the rows to delete first.</source>
        <translation>请先选择要删除的行。</translation>
    </message>
    <message>
        <source>Delete “{names}”</source>
        <translation>删除“{names}”</translation>
    </message>
    <message>
        <source>Delete {count} rows</source>
        <translation>删除 {count} 行</translation>
    </message>
    <message>
        <source>{ids} cannot be deleted: the use phase replaces it.</source>
        <translation>{ids} 不能删除：使用阶段会更换该零件。</translation>
    </message>
    <message>
        <source>Remove the replacement from the lifecycle scenario first.</source>
        <translation>请先在生命周期情景中删除该更换项。</translation>
    </message>
    <message>
        <source>Select the rows to duplicate first.</source>
        <translation>请先选择要复制的行。</translation>
    </message>
    <message>
        <source>Duplicate {count} row(s)</source>
        <translation>复制 {count} 行</translation>
    </message>
    <message>
        <source>Indent moves a row into the assembly just above it; the row above is not an assembly.</source>
        <translation>降级会将该行移入其正上方的组件；上方一行不是组件。</translation>
    </message>
    <message>
        <source>Add an assembly above it first (Ctrl+Insert).</source>
        <translation>请先在其上方添加组件（Ctrl+Insert）。</translation>
    </message>
    <message>
        <source>Indent</source>
        <translation>降级</translation>
    </message>
    <message>
        <source>The row is already at the top level.</source>
        <translation>该行已位于顶层。</translation>
    </message>
    <message>
        <source>Outdent</source>
        <translation>升级</translation>
    </message>
    <message>
        <source>The row cannot move further.</source>
        <translation>该行无法继续移动。</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>上移</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>下移</translation>
    </message>
    <message>
        <source>“{name}” cannot be moved into itself or into one of its own sub-assemblies.</source>
        <translation>“{name}”不能移入其自身或其下级组件中。</translation>
    </message>
    <message>
        <source>Rows can only be dropped onto an assembly or between rows.</source>
        <translation>行只能拖放到组件上或两行之间。</translation>
    </message>
    <message>
        <source>Move “{names}”</source>
        <translation>移动“{names}”</translation>
    </message>
    <message>
        <source>Move {count} rows</source>
        <translation>移动 {count} 行</translation>
    </message>
    <message>
        <source>Select a row first.</source>
        <translation>请先选择一行。</translation>
    </message>
    <message>
        <source>A BOM may have at most {levels} levels.</source>
        <translation>物料清单最多只能有 {levels} 层。</translation>
    </message>
</context>
<context>
    <name>BomItemDelegate</name>
    <message>
        <source>material name or code, e.g. stainless / 不锈钢</source>
        <translation>材料名称或代码，例如 stainless / 不锈钢</translation>
    </message>
</context>
<context>
    <name>BomModel</name>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Qty</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Recycled</source>
        <translation>再生料</translation>
    </message>
    <message>
        <source>Joint</source>
        <translation>连接</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Priority</source>
        <translation>优先</translation>
    </message>
    <message>
        <source>Units per unit of the parent assembly</source>
        <translation>每个上级组件中的数量</translation>
    </message>
    <message>
        <source>Mass of one unit; an assembly shows the sum of its parts</source>
        <translation>单件质量；组件显示其零件质量之和</translation>
    </message>
    <message>
        <source>Type part of a material name in English or Chinese</source>
        <translation>输入材料的中文或英文名称的一部分</translation>
    </message>
    <message>
        <source>Recycled content of the material, in percent</source>
        <translation>材料的再生料含量（百分数）</translation>
    </message>
    <message>
        <source>How the part is joined to its parent (and how many joints)</source>
        <translation>零件与上级组件的连接方式（及连接数量）</translation>
    </message>
    <message>
        <source>Priority part for repair or depollution (battery, display, PCB ...)</source>
        <translation>维修或去污染处理的优先零件（电池、显示屏、电路板……）</translation>
    </message>
    <message>
        <source>Not accepted: {text}
{reason}</source>
        <translation>未接受：{text}
{reason}</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Sum of {count} child rows, quantities applied</source>
        <translation>{count} 个子行之和（已计入数量）</translation>
    </message>
    <message>
        <source>Supplier data: {value}</source>
        <translation>供应商数据：{value}</translation>
    </message>
</context>
<context>
    <name>ComparisonTable</name>
    <message>
        <source>Total</source>
        <translation>合计</translation>
    </message>
    <message>
        <source>Δ total vs reference</source>
        <translation>合计与参照方案之差</translation>
    </message>
    <message>
        <source>Δ total vs reference (%)</source>
        <translation>合计与参照方案之差（%）</translation>
    </message>
    <message>
        <source>Per year of service</source>
        <translation>每使用年</translation>
    </message>
    <message>
        <source>Δ per year vs reference</source>
        <translation>每年与参照方案之差</translation>
    </message>
    <message>
        <source>Δ per year vs reference (%)</source>
        <translation>每年与参照方案之差（%）</translation>
    </message>
    <message>
        <source>Raw materials</source>
        <translation>原材料获取阶段</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>生产制造阶段</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分销/运输阶段</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用阶段</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置阶段</translation>
    </message>
    <message>
        <source>Credits beyond the boundary (not in total)</source>
        <translation>系统边界外效益（不计入合计）</translation>
    </message>
    <message>
        <source>Mass (kg)</source>
        <translation>质量（kg）</translation>
    </message>
    <message>
        <source>Service life (years)</source>
        <translation>使用寿命（年）</translation>
    </message>
    <message>
        <source>Green design index (0-100)</source>
        <translation>绿色设计指数（0–100）</translation>
    </message>
    <message>
        <source>Recyclability rate RCR (%)</source>
        <translation>可再生利用率 RCR（%）</translation>
    </message>
    <message>
        <source>Material Circularity Indicator (MCI)</source>
        <translation>材料循环指数（MCI）</translation>
    </message>
    <message>
        <source>P(total &lt; reference)</source>
        <translation>P(合计 &lt; 参照方案)</translation>
    </message>
    <message>
        <source>P(per year &lt; reference)</source>
        <translation>P(每年 &lt; 参照方案)</translation>
    </message>
    <message>
        <source>{design} (reference)</source>
        <translation>{design}（参照）</translation>
    </message>
    <message>
        <source>reference</source>
        <translation>参照</translation>
    </message>
</context>
<context>
    <name>CompletenessPanel</name>
    <message>
        <source>Completeness</source>
        <translation>完整性检查</translation>
    </message>
    <message>
        <source>Double-click an item to go where it is fixed</source>
        <translation>双击条目可跳转到需修改的位置</translation>
    </message>
    <message>
        <source>Nothing is missing for the pack.</source>
        <translation>证据包所需内容已齐全。</translation>
    </message>
    <message>
        <source>{blocking} blocking, {warnings} warnings</source>
        <translation>{blocking} 项阻断问题,{warnings} 项警告</translation>
    </message>
    <message>
        <source>blocking</source>
        <translation>阻断</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>{severity}: {message}</source>
        <translation>{severity}:{message}</translation>
    </message>
</context>
<context>
    <name>CompliancePanel</name>
    <message>
        <source>Override the scenario&apos;s end of life for this part</source>
        <translation>为此零件单独设定废弃处置方式（覆盖情景设置）</translation>
    </message>
    <message>
        <source>Reuse</source>
        <translation>再使用</translation>
    </message>
    <message>
        <source>Recycling</source>
        <translation>再生利用</translation>
    </message>
    <message>
        <source>Energy recovery</source>
        <translation>能量回收</translation>
    </message>
    <message>
        <source>Landfill</source>
        <translation>填埋</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Priority part (repair, depollution)</source>
        <translation>关键零部件（维修、去污染处理）</translation>
    </message>
    <message>
        <source>battery, display, PCB …</source>
        <translation>电池、显示屏、电路板 …</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置</translation>
    </message>
    <message>
        <source>Priority part and marking</source>
        <translation>关键零部件与标识</translation>
    </message>
    <message>
        <source>Priority kind</source>
        <translation>关键零部件类型</translation>
    </message>
    <message>
        <source>Plastic marking (ISO 11469)</source>
        <translation>塑料标识（ISO 11469）</translation>
    </message>
    <message>
        <source>Sum: {total} (must be 100 %)</source>
        <translation>合计：{total}（须为 100 %）</translation>
    </message>
</context>
<context>
    <name>ConformityView</name>
    <message>
        <source>Import…</source>
        <translation>导入…</translation>
    </message>
    <message>
        <source>Import a specification profile from a JSON or XLSX file; it is kept in the project</source>
        <translation>从 JSON 或 XLSX 文件导入评价规范,导入后保存在项目中</translation>
    </message>
    <message>
        <source>Export as XLSX…</source>
        <translation>导出为 XLSX…</translation>
    </message>
    <message>
        <source>Write the chosen profile as an XLSX file: a template for a profile of your own</source>
        <translation>将所选评价规范写出为 XLSX 文件,可作为自定义评价规范的模板</translation>
    </message>
    <message>
        <source>Specification profile:</source>
        <translation>评价规范:</translation>
    </message>
    <message>
        <source>Requirement or indicator</source>
        <translation>要求或指标</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>一级指标</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>判定结果</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>pass</source>
        <translation>合格</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>not assessed</source>
        <translation>未评价</translation>
    </message>
    <message>
        <source>Choose a specification profile to see the conformity table.</source>
        <translation>请选择评价规范以查看符合性评价表。</translation>
    </message>
    <message>
        <source>Proposed for the product category (not chosen yet).</source>
        <translation>按产品类别推荐(尚未选定)。</translation>
    </message>
    <message>
        <source>Rows marked “illustrative” are not values of a published specification.</source>
        <translation>标注“示意值”的行并非已发布规范中的数值。</translation>
    </message>
    <message>
        <source>Basic requirement</source>
        <translation>基本要求</translation>
    </message>
    <message>
        <source> (illustrative)</source>
        <translation>(示意值)</translation>
    </message>
    <message>
        <source>{passed} pass, {failed} fail, {open} not assessed</source>
        <translation>合格 {passed} 项,不合格 {failed} 项,未评价 {open} 项</translation>
    </message>
</context>
<context>
    <name>DatasetDetails</name>
    <message>
        <source>GHG-only data: this dataset rests only on greenhouse-gas factors ({sources}); every impact category other than climate change is left blank.</source>
        <translation>仅温室气体数据：该数据集仅基于温室气体排放因子（{sources}）；除气候变化外的所有影响类别均为空。</translation>
    </message>
    <message>
        <source>Partly GHG-only: some inputs rest on greenhouse-gas factors only ({sources}); other categories understate those inputs.</source>
        <translation>部分为仅温室气体数据：部分输入仅基于温室气体排放因子（{sources}）；其他影响类别低估了这些输入的贡献。</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Geography</source>
        <translation>地理范围</translation>
    </message>
    <message>
        <source>Pedigree (1 best, 5 worst)</source>
        <translation>数据质量谱系（1 最好，5 最差）</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理数据</translation>
    </message>
    <message>
        <source>none</source>
        <translation>无</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>Factory electricity: {kwh} kWh per {unit}, supplied in the life cycle model from the product&apos;s production grid and green-power share (not in the impacts below).</source>
        <translation>工厂用电：每 {unit} {kwh} kWh，在生命周期模型中按产品生产地电网和绿电比例计入（不含在下方环境影响中）。</translation>
    </message>
    <message>
        <source>Factory electricity: none.</source>
        <translation>工厂用电：无。</translation>
    </message>
    <message>
        <source>USLCI: {name}</source>
        <translation>USLCI：{name}</translation>
    </message>
    <message>
        <source>factory electricity (product&apos;s grid)</source>
        <translation>工厂用电（产品生产地电网）</translation>
    </message>
    <message>
        <source>published GWP factor {code} (GHG-only)</source>
        <translation>公开发布的 GWP 因子 {code}（仅温室气体）</translation>
    </message>
    <message>
        <source>grid emission factor {code} (GHG-only)</source>
        <translation>电网排放因子 {code}（仅温室气体）</translation>
    </message>
    <message>
        <source>elementary flow: {flow}</source>
        <translation>基本流：{flow}</translation>
    </message>
    <message>
        <source>none (counted elsewhere)</source>
        <translation>无（已在别处计入）</translation>
    </message>
    <message>
        <source>The impacts cannot be calculated: {error}</source>
        <translation>无法计算环境影响：{error}</translation>
    </message>
    <message>
        <source>The impacts appear when the local inventory is ready.</source>
        <translation>本地清单数据库就绪后将显示环境影响。</translation>
    </message>
    <message>
        <source>Calculating the impacts with the local inventory…</source>
        <translation>正在用本地清单数据库计算环境影响…</translation>
    </message>
    <message>
        <source>The impacts cannot be loaded: {error}</source>
        <translation>无法加载环境影响：{error}</translation>
    </message>
    <message>
        <source>Loading the impacts from the local inventory…</source>
        <translation>正在从本地清单数据库加载环境影响…</translation>
    </message>
    <message>
        <source>This dataset is not in the local inventory; set the inventory up again.</source>
        <translation>本地清单数据库中没有此数据集；请重新配置清单数据库。</translation>
    </message>
    <message>
        <source>not covered</source>
        <translation>未覆盖</translation>
    </message>
</context>
<context>
    <name>DatasetTableModel</name>
    <message>
        <source>Code</source>
        <extracomment>one kWh sent out by a power plant of a technology (``power_coal_CN``), which the grids are made of</extracomment>
        <translation>代码</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Geography</source>
        <translation>地理范围</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>年份</translation>
    </message>
    <message>
        <source>Pedigree</source>
        <translation>谱系评分</translation>
    </message>
    <message>
        <source>GHG-only</source>
        <translation>仅温室气体</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>代理数据</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>{name}; reference product: {product}</source>
        <extracomment>codes that have a regional dataset (``pp`` when ``pp@CN`` is listed)</extracomment>
        <translation>{name}；参考产品：{product}</translation>
    </message>
    <message>
        <source>not rated</source>
        <translation>未评分</translation>
    </message>
    <message>
        <source>partly</source>
        <translation>部分</translation>
    </message>
    <message>
        <source>proxy</source>
        <translation>代理</translation>
    </message>
    <message>
        <source>The inventory bundled with GreenDesign</source>
        <translation>GreenDesign 自带的清单数据</translation>
    </message>
    <message>
        <source>User database {name}</source>
        <translation>用户数据库 {name}</translation>
    </message>
</context>
<context>
    <name>EffectLabel</name>
    <message>
        <source>({arrow} {change} since the last edit)</source>
        <translation>（较上次编辑 {arrow} {change}）</translation>
    </message>
</context>
<context>
    <name>EolBox</name>
    <message>
        <source>At end of life, treat as:</source>
        <translation>废弃处置时视为：</translation>
    </message>
    <message>
        <source>Search materials</source>
        <translation>搜索材料</translation>
    </message>
    <message>
        <source>The bundled material whose end of life this dataset follows: the family that sets the recycling, energy-recovery and landfill shares of the region, and the carbon burnt at incineration. Type to search.</source>
        <translation>本数据集废弃处置时参照的自带材料：它的类别决定所在地区的回收、能量回收和填埋比例，以及焚烧时燃烧的碳含量。输入文字可搜索。</translation>
    </message>
    <message>
        <source>The end-of-life choice cannot be read: {error}</source>
        <translation>无法读取废弃处置设定：{error}</translation>
    </message>
    <message>
        <source>none: other</source>
        <translation>无：其他</translation>
    </message>
    <message>
        <source>Guess from the name ({material})</source>
        <translation>根据名称推测（{material}）</translation>
    </message>
    <message>
        <source>End-of-life family: {family}, guessed from its name.</source>
        <translation>废弃处置类别：{family}，根据名称推测。</translation>
    </message>
    <message>
        <source>End-of-life family: {family}; no bundled material was recognised in its name.</source>
        <translation>废弃处置类别：{family}；名称中未识别出自带材料。</translation>
    </message>
    <message>
        <source>End-of-life family: {family}.</source>
        <translation>废弃处置类别：{family}。</translation>
    </message>
    <message>
        <source>“{name}” ends its life as guessed from its name.</source>
        <translation>“{name}”的废弃处置按根据名称推测的材料计算。</translation>
    </message>
    <message>
        <source>“{name}” ends its life as {material}.</source>
        <translation>“{name}”的废弃处置按{material}计算。</translation>
    </message>
</context>
<context>
    <name>EvidencePage</name>
    <message>
        <source>Evidence pack</source>
        <translation>证据包</translation>
    </message>
    <message>
        <source>Export pack…</source>
        <translation>导出证据包…</translation>
    </message>
    <message>
        <source>Write the pack: PDF report, workbook, data, charts, attachments and manifest</source>
        <translation>写出证据包:PDF 报告、工作簿、数据、图表、附件和文件清单</translation>
    </message>
    <message>
        <source>Report, workbook, data and attachments in one folder.</source>
        <translation>报告、工作簿、数据和附件保存在同一文件夹中。</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>添加文件…</translation>
    </message>
    <message>
        <source>Copy a document into the attachments folder beside the project and add it to the register</source>
        <translation>将文件复制到项目旁的附件文件夹,并登记到证明材料清单</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Open file</source>
        <translation>打开文件</translation>
    </message>
    <message>
        <source>Applicant</source>
        <translation>申报企业</translation>
    </message>
    <message>
        <source>Specification and conformity</source>
        <translation>评价规范与符合性</translation>
    </message>
    <message>
        <source>Evidence register</source>
        <translation>证明材料清单</translation>
    </message>
    <message>
        <source>Attachments: {folder}</source>
        <translation>附件:{folder}</translation>
    </message>
    <message>
        <source>Save the project to attach files (they are kept beside it).</source>
        <translation>请先保存项目再添加附件(附件保存在项目文件旁)。</translation>
    </message>
    <message>
        <source>(none chosen)</source>
        <translation>(未选择)</translation>
    </message>
    <message>
        <source>{name} (imported)</source>
        <translation>{name}(导入)</translation>
    </message>
    <message>
        <source>{id} (not found)</source>
        <translation>{id}(未找到)</translation>
    </message>
    <message>
        <source>Choose the specification profile</source>
        <translation>选择评价规范</translation>
    </message>
    <message>
        <source>Import a specification profile</source>
        <translation>导入评价规范</translation>
    </message>
    <message>
        <source>Specification profiles (*.json *.xlsx)</source>
        <translation>评价规范 (*.json *.xlsx)</translation>
    </message>
    <message>
        <source>Cannot import the profile</source>
        <translation>无法导入评价规范</translation>
    </message>
    <message>
        <source>Import the profile “{name}”</source>
        <translation>导入评价规范“{name}”</translation>
    </message>
    <message>
        <source>Imported {count} indicators from {name}</source>
        <translation>已从 {name} 导入 {count} 项指标</translation>
    </message>
    <message>
        <source>Export the profile as XLSX</source>
        <translation>将评价规范导出为 XLSX</translation>
    </message>
    <message>
        <source>Workbooks (*.xlsx)</source>
        <translation>工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>Cannot export the profile</source>
        <translation>无法导出评价规范</translation>
    </message>
    <message>
        <source>Wrote {name}</source>
        <translation>已写出 {name}</translation>
    </message>
    <message>
        <source>Add a document to the register</source>
        <translation>向证明材料清单添加文件</translation>
    </message>
    <message>
        <source>Documents ({patterns});;All files (*)</source>
        <translation>文档 ({patterns});;所有文件 (*)</translation>
    </message>
    <message>
        <source>Cannot add the file</source>
        <translation>无法添加文件</translation>
    </message>
    <message>
        <source>Add {name} to the register</source>
        <translation>将 {name} 登记到证明材料清单</translation>
    </message>
    <message>
        <source>Another file is already called {original}: kept as {name}</source>
        <translation>已有同名文件 {original}:本文件保存为 {name}</translation>
    </message>
    <message>
        <source>Edit {id} in the register</source>
        <translation>编辑证明材料 {id}</translation>
    </message>
    <message>
        <source>Remove {id} from the register</source>
        <translation>从清单中删除证明材料 {id}</translation>
    </message>
    <message>
        <source>{name} is missing from the attachments folder</source>
        <translation>附件文件夹中缺少 {name}</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准方案</translation>
    </message>
    <message>
        <source>{product} — design {design}</source>
        <translation>{product} — 设计方案 {design}</translation>
    </message>
    <message>
        <source>The evidence cannot be checked: {error}</source>
        <translation>无法检查证明材料:{error}</translation>
    </message>
    <message>
        <source>Wrote the evidence pack {id}</source>
        <translation>已写出证据包 {id}</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export the evidence pack</source>
        <translation>导出证据包</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准方案</translation>
    </message>
    <message>
        <source>None checked: the project&apos;s methods, else the default set; the carbon footprint methods are always included</source>
        <translation>未勾选时使用项目设定的方法,否则使用默认方法集;碳足迹方法始终包含在内</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>中文</translation>
    </message>
    <message>
        <source>English</source>
        <translation>英文</translation>
    </message>
    <message>
        <source>Chinese and English</source>
        <translation>中英双语</translation>
    </message>
    <message>
        <source>Monte Carlo iterations for the uncertainty of the carbon footprint (0: none)</source>
        <translation>用于碳足迹不确定性分析的蒙特卡罗迭代次数(0 表示不做)</translation>
    </message>
    <message>
        <source>Also write a zip of the pack</source>
        <translation>同时生成证据包的 zip 压缩文件</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Designs (the first is the one the pack is for):</source>
        <translation>设计方案(第一个为证据包对应的方案):</translation>
    </message>
    <message>
        <source>LCIA methods:</source>
        <translation>影响评价方法:</translation>
    </message>
    <message>
        <source>Language:</source>
        <translation>语言:</translation>
    </message>
    <message>
        <source>Sections:</source>
        <translation>章节:</translation>
    </message>
    <message>
        <source>Monte Carlo:</source>
        <translation>蒙特卡罗:</translation>
    </message>
    <message>
        <source>Folder:</source>
        <translation>文件夹:</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>打开文件夹</translation>
    </message>
    <message>
        <source>Cover</source>
        <translation>封面</translation>
    </message>
    <message>
        <source>Declaration</source>
        <translation>声明</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>基本信息</translation>
    </message>
    <message>
        <source>Conformity with the specification</source>
        <translation>评价规范符合性</translation>
    </message>
    <message>
        <source>Life cycle assessment</source>
        <translation>生命周期评价</translation>
    </message>
    <message>
        <source>Carbon footprint</source>
        <translation>碳足迹</translation>
    </message>
    <message>
        <source>Green design scores</source>
        <translation>绿色设计评分</translation>
    </message>
    <message>
        <source>Comparison of designs</source>
        <translation>设计方案对比</translation>
    </message>
    <message>
        <source>Conclusions</source>
        <translation>结论</translation>
    </message>
    <message>
        <source>Clause matrix</source>
        <translation>条款对照表</translation>
    </message>
    <message>
        <source>Data provenance</source>
        <translation>数据来源</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>附件</translation>
    </message>
    <message>
        <source>Folder for the pack</source>
        <translation>证据包保存文件夹</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>正在导出…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Wrote the pack {id} to {folder}.</source>
        <translation>已将证据包 {id} 写出到 {folder}。</translation>
    </message>
    <message>
        <source>{count} parts are missing; see the manifest.</source>
        <translation>缺少 {count} 项内容,详见文件清单。</translation>
    </message>
    <message>
        <source>The export failed: {error}</source>
        <translation>导出失败:{error}</translation>
    </message>
    <message>
        <source>The export was cancelled; nothing was written.</source>
        <translation>导出已取消,未写出任何文件。</translation>
    </message>
</context>
<context>
    <name>ExportLciActions</name>
    <message>
        <source>Export &amp;LCI Model…</source>
        <translation>导出生命周期清单模型(&amp;L)…</translation>
    </message>
    <message>
        <source>Write the shown design&apos;s life-cycle model as a Brightway project, a Brightway Excel workbook or an openLCA JSON-LD zip</source>
        <translation>将当前设计方案的生命周期模型写成 Brightway 项目、Brightway Excel 工作簿或 openLCA JSON-LD 压缩包</translation>
    </message>
    <message>
        <source>Export LCI model</source>
        <translation>导出生命周期清单模型</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
        <source>JSON-LD zip (*.zip)</source>
        <translation>JSON-LD 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Exporting the LCI model…</source>
        <translation>正在导出生命周期清单模型…</translation>
    </message>
    <message>
        <source>LCI model exported</source>
        <translation>生命周期清单模型已导出</translation>
    </message>
    <message>
        <source>LCI model exported: {where}</source>
        <translation>生命周期清单模型已导出：{where}</translation>
    </message>
    <message>
        <source>Cannot export the LCI model</source>
        <translation>无法导出生命周期清单模型</translation>
    </message>
</context>
<context>
    <name>ExportLciDialog</name>
    <message>
        <source>Export LCI model</source>
        <translation>导出生命周期清单模型</translation>
    </message>
    <message>
        <source>Brightway project (Activity Browser 3)</source>
        <translation>Brightway 项目（Activity Browser 3）</translation>
    </message>
    <message>
        <source>Brightway Excel workbook (.xlsx)</source>
        <translation>Brightway Excel 工作簿（.xlsx）</translation>
    </message>
    <message>
        <source>openLCA JSON-LD (.zip)</source>
        <translation>openLCA JSON-LD（.zip）</translation>
    </message>
    <message>
        <source>Replace a project of that name</source>
        <translation>替换同名项目</translation>
    </message>
    <message>
        <source>Export to:</source>
        <translation>导出到：</translation>
    </message>
    <message>
        <source>Project name:</source>
        <translation>项目名称：</translation>
    </message>
    <message>
        <source>The project is written to Brightway&apos;s default folder, where Activity Browser 3 finds it, with the inventory databases and LCIA methods it uses.</source>
        <translation>项目将写入 Brightway 的默认文件夹（Activity Browser 3 会在此找到它），并附带其所用的清单数据库和 LCIA 方法。</translation>
    </message>
    <message>
        <source>Choose the file in the next step.</source>
        <translation>请在下一步选择文件。</translation>
    </message>
</context>
<context>
    <name>FactorBox</name>
    <message>
        <source>Remove this factor</source>
        <translation>移除此因子</translation>
    </message>
</context>
<context>
    <name>FactorEditor</name>
    <message>
        <source>Add factor</source>
        <translation>添加因子</translation>
    </message>
    <message>
        <source>Default factors</source>
        <translation>默认因子</translation>
    </message>
    <message>
        <source>Start again from the proposed factors</source>
        <translation>恢复为系统建议的因子</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Read the factors from a sweep file (JSON, as greendesign-cli sweep --factors reads it)</source>
        <translation>从扫描文件读取因子（JSON，与 greendesign-cli sweep --factors 读取的格式相同）</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Write the factors to a sweep file (JSON) for greendesign-cli sweep or a colleague</source>
        <translation>将因子写入扫描文件（JSON），供 greendesign-cli sweep 或同事使用</translation>
    </message>
    <message>
        <source>Full factorial</source>
        <extracomment>file dialogs and error boxes (replaced in tests)</extracomment>
        <translation>全因子设计</translation>
    </message>
    <message>
        <source>Latin hypercube</source>
        <translation>拉丁超立方抽样</translation>
    </message>
    <message>
        <source>Sample:</source>
        <translation>抽样方式：</translation>
    </message>
    <message>
        <source>Material of a part</source>
        <translation>零部件材料</translation>
    </message>
    <message>
        <source>Recycled content</source>
        <translation>再生材料含量</translation>
    </message>
    <message>
        <source>Production grid</source>
        <translation>生产电网</translation>
    </message>
    <message>
        <source>Green-power share</source>
        <translation>绿电比例</translation>
    </message>
    <message>
        <source>Service life</source>
        <translation>使用寿命</translation>
    </message>
    <message>
        <source>End-of-life region</source>
        <translation>废弃处置地区</translation>
    </message>
    <message>
        <source>Open sweep file</source>
        <translation>打开扫描文件</translation>
    </message>
    <message>
        <source>Cannot open the sweep file</source>
        <translation>无法打开扫描文件</translation>
    </message>
    <message>
        <source>Cannot save the sweep file</source>
        <translation>无法保存扫描文件</translation>
    </message>
    <message>
        <source>Save sweep file</source>
        <translation>保存扫描文件</translation>
    </message>
    <message>
        <source>Factor {numbers} is not complete.</source>
        <translation>因子 {numbers} 尚未设置完整。</translation>
    </message>
    <message>
        <source>Add a factor to vary.</source>
        <translation>请添加要变化的因子。</translation>
    </message>
    <message>
        <source>{count} candidates</source>
        <translation>{count} 个候选方案</translation>
    </message>
    <message>
        <source>(of {full} combinations)</source>
        <translation>（共 {full} 种组合）</translation>
    </message>
</context>
<context>
    <name>GreenDesignPage</name>
    <message>
        <source>Green design</source>
        <translation>绿色设计</translation>
    </message>
    <message>
        <source>The index profile: indicators, benchmarks and weights for a product category</source>
        <translation>评价配置：某一产品类别的评价指标、基准值和权重</translation>
    </message>
    <message>
        <source>Scoring…</source>
        <translation>正在评分…</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>评价配置：</translation>
    </message>
    <message>
        <source>Green design index (0–100, GB/T 32161 groups)</source>
        <translation>绿色设计指数（0–100，按 GB/T 32161 一级指标）</translation>
    </message>
    <message>
        <source>Lightweighting</source>
        <translation>轻量化</translation>
    </message>
    <message>
        <source>Modularity, disassembly, repair</source>
        <translation>模块化、可拆解性、可维修性</translation>
    </message>
    <message>
        <source>Recyclability and circularity</source>
        <translation>可回收利用性与循环性</translation>
    </message>
    <message>
        <source>Mass (without packaging)</source>
        <translation>质量（不含包装）</translation>
    </message>
    <message>
        <source>Mass reduction vs reference</source>
        <translation>较参照方案减重</translation>
    </message>
    <message>
        <source>Material efficiency</source>
        <translation>材料利用率</translation>
    </message>
    <message>
        <source>Packaging (not scored)</source>
        <translation>包装（不计分）</translation>
    </message>
    <message>
        <source>Material GWP, cradle to gate</source>
        <translation>材料 GWP（摇篮到大门）</translation>
    </message>
    <message>
        <source>Reversible joints</source>
        <translation>可拆卸连接</translation>
    </message>
    <message>
        <source>Standard fasteners</source>
        <translation>标准紧固件</translation>
    </message>
    <message>
        <source>Disassembly time, priority parts</source>
        <translation>优先拆解零件的拆解时间</translation>
    </message>
    <message>
        <source>Repairability index (class)</source>
        <translation>可维修性指数（等级）</translation>
    </message>
    <message>
        <source>Modularity Q (Newman)</source>
        <translation>模块度 Q（Newman）</translation>
    </message>
    <message>
        <source>Recyclability rate RCR</source>
        <translation>可再生利用率 RCR</translation>
    </message>
    <message>
        <source>Recoverability rate RVR</source>
        <translation>可回收利用率 RVR</translation>
    </message>
    <message>
        <source>Recycled content</source>
        <translation>再生料含量</translation>
    </message>
    <message>
        <source>Material Circularity Indicator</source>
        <translation>材料循环指数 MCI</translation>
    </message>
    <message>
        <source>Restricted substance findings</source>
        <translation>有害物质限量问题</translation>
    </message>
    <message>
        <source>Unmarked plastics (ISO 11469)</source>
        <translation>未标识塑料件（ISO 11469）</translation>
    </message>
    <message>
        <source>Material combinations hindering recycling</source>
        <translation>妨碍回收的材料组合</translation>
    </message>
    <message>
        <source>Severity</source>
        <translation>严重程度</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Finding</source>
        <translation>问题描述</translation>
    </message>
    <message>
        <source>Apply to a new variant</source>
        <translation>应用到新设计变体</translation>
    </message>
    <message>
        <source>Copy the shown design into a new variant with the selected improvement applied (undoable)</source>
        <translation>将当前设计复制为新的设计变体，并应用所选改进建议（可撤销）</translation>
    </message>
    <message>
        <source>Improvements</source>
        <translation>改进建议</translation>
    </message>
    <message>
        <source>Index indicators</source>
        <translation>评价指标</translation>
    </message>
    <message>
        <source>Findings</source>
        <translation>检查结果</translation>
    </message>
    <message>
        <source>By product category</source>
        <translation>按产品类别</translation>
    </message>
    <message>
        <source>The design cannot be scored: {error}</source>
        <translation>无法对该设计方案评分：{error}</translation>
    </message>
    <message>
        <source>Finding improvements…</source>
        <translation>正在查找改进建议…</translation>
    </message>
    <message>
        <source>Improvements found: {count}</source>
        <translation>已找到改进建议：{count} 条</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准方案</translation>
    </message>
    <message>
        <source>{design} + {change}</source>
        <translation>{design} + {change}</translation>
    </message>
    <message>
        <source>Apply “{change}” to a new variant</source>
        <translation>将“{change}”应用到新设计变体</translation>
    </message>
    <message>
        <source>Added the variant “{name}” with the improvement applied</source>
        <translation>已添加应用了该改进建议的设计变体“{name}”</translation>
    </message>
    <message>
        <source>reversible joints</source>
        <translation>可拆卸连接</translation>
    </message>
    <message>
        <source>separable joint</source>
        <translation>可分离连接</translation>
    </message>
    <message>
        <source>plastic marking</source>
        <translation>塑料标识</translation>
    </message>
    <message>
        <source>substance substitution</source>
        <translation>有害物质替代</translation>
    </message>
    <message>
        <source>recycled content</source>
        <translation>再生料含量</translation>
    </message>
    <message>
        <source>material substitution</source>
        <translation>材料替代</translation>
    </message>
    <message>
        <source>The profile has no benchmark for this score.</source>
        <translation>评价配置中没有该指标的基准值。</translation>
    </message>
    <message>
        <source>Not assessed: the value is not known.</source>
        <translation>未评价：数值未知。</translation>
    </message>
    <message>
        <source>Benchmark {benchmark} {unit}; indicator score {score} of 100, weight {weight}</source>
        <translation>基准值 {benchmark} {unit}；指标得分 {score}（满分 100），权重 {weight}</translation>
    </message>
    <message>
        <source>{product} — design {design}</source>
        <translation>{product} — 设计方案：{design}</translation>
    </message>
    <message>
        <source>chosen</source>
        <translation>手动选择</translation>
    </message>
    <message>
        <source>by product category</source>
        <translation>按产品类别</translation>
    </message>
    <message>
        <source>Profile: {name} ({how}); {coverage} % of the weight assessed</source>
        <translation>评价配置：{name}（{how}）；已评价指标的权重占 {coverage} %</translation>
    </message>
    <message>
        <source>— (the reference)</source>
        <translation>—（参照方案）</translation>
    </message>
    <message>
        <source>not known</source>
        <translation>未知</translation>
    </message>
    <message>
        <source>{value} kg CO2-eq</source>
        <translation>{value} kg CO2-eq</translation>
    </message>
    <message>
        <source>{count} parts</source>
        <translation>{count} 个零件</translation>
    </message>
    <message>
        <source> ({share} % of plastic mass)</source>
        <translation>（占塑料质量的 {share} %）</translation>
    </message>
    <message>
        <source>fail</source>
        <translation>不合格</translation>
    </message>
    <message>
        <source>warning</source>
        <translation>警告</translation>
    </message>
    <message>
        <source>info</source>
        <translation>提示</translation>
    </message>
    <message>
        <source>Findings ({count})</source>
        <translation>检查结果（{count}）</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>备注：</translation>
    </message>
    <message>
        <source>Improvements ({count})</source>
        <translation>改进建议（{count}）</translation>
    </message>
</context>
<context>
    <name>ImportBomDialog</name>
    <message>
        <source>Import BOM</source>
        <translation>导入物料清单</translation>
    </message>
    <message>
        <source>Choose a CSV or Excel file…</source>
        <translation>选择 CSV 或 Excel 文件…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Detect</source>
        <translation>自动检测</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>文件：</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>编码：</translation>
    </message>
    <message>
        <source>Sheet:</source>
        <translation>工作表：</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>文件中的列</translation>
    </message>
    <message>
        <source>Read as</source>
        <translation>读取为</translation>
    </message>
    <message>
        <source>Example</source>
        <translation>示例</translation>
    </message>
    <message>
        <source>Column mapping</source>
        <translation>列映射</translation>
    </message>
    <message>
        <source>Preview (first {n} rows)</source>
        <translation>预览（前 {n} 行）</translation>
    </message>
    <message>
        <source>Check the mapping, then press “Check and import”. Required columns: {columns}.</source>
        <translation>请检查列映射，然后点击“检查并导入”。必需列：{columns}。</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Column</source>
        <translation>列</translation>
    </message>
    <message>
        <source>Problem</source>
        <translation>问题</translation>
    </message>
    <message>
        <source>Check and import</source>
        <translation>检查并导入</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Replace the BOM of the design shown</source>
        <translation>替换当前设计的物料清单</translation>
    </message>
    <message>
        <source>Start a new project from this BOM</source>
        <translation>用此物料清单新建项目</translation>
    </message>
    <message>
        <source>years</source>
        <translation>年</translation>
    </message>
    <message>
        <source>Product name:</source>
        <translation>产品名称：</translation>
    </message>
    <message>
        <source>Functional unit:</source>
        <translation>功能单位：</translation>
    </message>
    <message>
        <source>Service life:</source>
        <translation>使用寿命：</translation>
    </message>
    <message>
        <source>BOM tables (*.csv *.xlsx *.txt);;All files (*)</source>
        <translation>物料清单表格 (*.csv *.xlsx *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>{rows} rows, {columns} columns</source>
        <translation>{rows} 行，{columns} 列</translation>
    </message>
    <message>
        <source>encoding: {encoding}</source>
        <translation>编码：{encoding}</translation>
    </message>
    <message>
        <source>sheet: {sheet}</source>
        <translation>工作表：{sheet}</translation>
    </message>
    <message>
        <source>(ignore)</source>
        <translation>（忽略）</translation>
    </message>
    <message>
        <source>Read {count} parts, {mass} in all.</source>
        <translation>已读取 {count} 个零件，总计 {mass}。</translation>
    </message>
    <message>
        <source>Warnings:</source>
        <translation>警告：</translation>
    </message>
    <message>
        <source>Nothing was imported.</source>
        <translation>未导入任何内容。</translation>
    </message>
    <message>
        <source>Imported product</source>
        <translation>导入的产品</translation>
    </message>
</context>
<context>
    <name>ImportDatabaseDialog</name>
    <message>
        <source>Import a user database</source>
        <translation>导入用户数据库</translation>
    </message>
    <message>
        <source>Bring inventory datasets you hold a licence or data for into GreenDesign: parts can then use them as materials and processes, next to the bundled inventory. Elementary flows are linked to the inventory&apos;s biosphere; every exchange that cannot be linked is listed at the end.</source>
        <translation>将您拥有许可或数据的清单数据集导入 GreenDesign：零件即可与自带清单数据一样，把它们用作材料和工艺。基本流将与清单数据库的生物圈流关联；无法关联的交换流会在导入结束时全部列出。</translation>
    </message>
    <message>
        <source>EcoSpold 1 file, folder or zip (e.g. a USLCI release)</source>
        <translation>EcoSpold 1 文件、文件夹或 zip（如 USLCI 发布包）</translation>
    </message>
    <message>
        <source>Excel workbook (Brightway format)</source>
        <translation>Excel 工作簿（Brightway 格式）</translation>
    </message>
    <message>
        <source>Brightway project (e.g. Activity Browser)</source>
        <translation>Brightway 项目（如 Activity Browser）</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Choose a folder of EcoSpold 1 .xml files instead of a file</source>
        <translation>选择存放 EcoSpold 1 .xml 文件的文件夹，而不是单个文件</translation>
    </message>
    <message>
        <source>e.g. my-project</source>
        <translation>例如 my-project</translation>
    </message>
    <message>
        <source>EcoSpold 2 folder or zip (e.g. ecoinvent, openLCA exports)</source>
        <translation>EcoSpold 2 文件夹或 zip（如 ecoinvent、openLCA 导出文件）</translation>
    </message>
    <message>
        <source>openLCA JSON-LD (.zip, e.g. the Federal LCA Commons)</source>
        <translation>openLCA JSON-LD（.zip，如美国联邦 LCA Commons）</translation>
    </message>
    <message>
        <source>SimaPro CSV export (.csv)</source>
        <translation>SimaPro CSV 导出文件（.csv）</translation>
    </message>
    <message>
        <source>e.g. supplier-data</source>
        <translation>例如 supplier-data</translation>
    </message>
    <message>
        <source>empty: Brightway&apos;s default folder</source>
        <translation>留空：使用 Brightway 的默认文件夹</translation>
    </message>
    <message>
        <source>Names as Activity Browser shows them. The project is only read, never changed; the databases it depends on are copied too (biosphere excepted).</source>
        <translation>名称与 Activity Browser 中显示的一致。该项目只会被读取，不会被修改；它所依赖的数据库也会一并复制（生物圈数据库除外）。</translation>
    </message>
    <message>
        <source>Project:</source>
        <translation>项目：</translation>
    </message>
    <message>
        <source>Database:</source>
        <translation>数据库：</translation>
    </message>
    <message>
        <source>Brightway folder:</source>
        <translation>Brightway 文件夹：</translation>
    </message>
    <message>
        <source>Parts refer to its datasets as user:&lt;name&gt;|&lt;code&gt;; the name cannot be changed later without importing again.</source>
        <translation>零件以 user:&lt;name&gt;|&lt;code&gt; 引用其数据集；名称以后无法更改，除非重新导入。</translation>
    </message>
    <message>
        <source>Replace it if a user database of this name exists</source>
        <translation>如已存在同名用户数据库，则替换它</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>格式：</translation>
    </message>
    <message>
        <source>Name in GreenDesign:</source>
        <translation>在 GreenDesign 中的名称：</translation>
    </message>
    <message>
        <source>Data quality (pedigree) of the whole database</source>
        <translation>整个数据库的数据质量（谱系评分）</translation>
    </message>
    <message>
        <source>Rate it (scores 1 best to 5 worst)</source>
        <translation>评分（1 最好，5 最差）</translation>
    </message>
    <message>
        <source>File or dataset</source>
        <translation>文件或数据集</translation>
    </message>
    <message>
        <source>Why it was left out</source>
        <translation>未导入原因</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>地点</translation>
    </message>
    <message>
        <source>Exchange</source>
        <translation>交换流</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>环境介质</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Open the report</source>
        <translation>打开报告</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>导入</translation>
    </message>
    <message>
        <source>File or folder:</source>
        <translation>文件或文件夹：</translation>
    </message>
    <message>
        <source>an EcoSpold 1 .xml file, a .zip of them or their folder</source>
        <translation>EcoSpold 1 .xml 文件、其 .zip 压缩包或所在文件夹</translation>
    </message>
    <message>
        <source>For USLCI, the release&apos;s .zip or its unpacked folder (subfolders are read too). The files are read without schema validation; what is passed over is listed at the end. Exchanges are linked by name, categories, unit and location.</source>
        <translation>USLCI 请选择发布包的 .zip 或解压后的文件夹（子文件夹也会读取）。文件读取时不做模式（schema）校验，略过的问题会在最后列出。交换按名称、类别、单位和地点链接。</translation>
    </message>
    <message>
        <source>Choose an EcoSpold 1 .xml file or a .zip of them</source>
        <translation>选择 EcoSpold 1 .xml 文件或其 .zip 压缩包</translation>
    </message>
    <message>
        <source>Zip or folder:</source>
        <translation>ZIP 压缩包或文件夹：</translation>
    </message>
    <message>
        <source>an openLCA JSON-LD .zip, or the folder it unpacks to</source>
        <translation>openLCA JSON-LD 的 .zip 压缩包，或其解压后的文件夹</translation>
    </message>
    <message>
        <source>What the U.S. Federal LCA Commons publishes and openLCA exports as JSON-LD: the processes are read with their flows, units and locations. Elementary flows are linked to the biosphere by flow name (with synonyms), FEDEFL context and CAS number. Processes with co-products are split by their allocation factors when the factors cover every product; otherwise they are not allocated and the co-products are left out (listed at the end).</source>
        <translation>即美国联邦 LCA Commons 发布、openLCA 以 JSON-LD 导出的数据：读取各过程及其流、单位和地点。基本流按流名称（含同义词）、FEDEFL 环境类别和 CAS 号关联到生物圈。有联产品的过程在分配系数覆盖全部产品时按这些系数拆分；否则不做分配，联产品不导入（在最后列出）。</translation>
    </message>
    <message>
        <source>Choose the .zip of a JSON-LD export</source>
        <translation>选择 JSON-LD 导出的 .zip 压缩包</translation>
    </message>
    <message>
        <source>Choose the unpacked folder of a JSON-LD export instead of a .zip</source>
        <translation>选择 JSON-LD 导出解压后的文件夹，而不是 .zip 压缩包</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>导出文件：</translation>
    </message>
    <message>
        <source>a .csv file exported from SimaPro</source>
        <translation>从 SimaPro 导出的 .csv 文件</translation>
    </message>
    <message>
        <source>In SimaPro, export the processes with File &gt; Export as CSV. The processes link to each other by name inside the file. Elementary flows are linked to the biosphere by flow name (with synonyms), compartment and CAS number. Processes with co-products are split by the allocation percentages in the export.</source>
        <translation>在 SimaPro 中通过“File &gt; Export”将过程导出为 CSV。文件内的过程按名称相互关联。基本流按流名称（含同义词）、环境介质和 CAS 号关联到生物圈。有联产品的过程按导出文件中的分配百分比拆分。</translation>
    </message>
    <message>
        <source>Choose the SimaPro CSV export</source>
        <translation>选择 SimaPro CSV 导出文件</translation>
    </message>
    <message>
        <source>Workbook:</source>
        <translation>工作簿：</translation>
    </message>
    <message>
        <source>an .xlsx file in the Brightway Excel format</source>
        <translation>Brightway Excel 格式的 .xlsx 文件</translation>
    </message>
    <message>
        <source>A &apos;Database&apos; section, then one &apos;Activity&apos; section per dataset with its &apos;Exchanges&apos; table; bundled datasets are used by their catalogue code with the database greendesign-lci.</source>
        <translation>先是一个“Database”段，然后每个数据集一个“Activity”段及其“Exchanges”表；引用自带数据集时，以其目录代码为名称、数据库填 greendesign-lci。</translation>
    </message>
    <message>
        <source>These scores set the uncertainty of every dataset of the database in the Monte Carlo analysis.</source>
        <translation>这些评分决定蒙特卡洛分析中该数据库每个数据集的不确定性。</translation>
    </message>
    <message>
        <source>Not rated: the Monte Carlo analysis treats its datasets as of the worst quality (5 5 5 5 5), so their uncertainty is not understated.</source>
        <translation>未评分：蒙特卡洛分析按最差质量（5 5 5 5 5）处理其数据集，以免低估其不确定性。</translation>
    </message>
    <message>
        <source>Choose the workbook</source>
        <translation>选择工作簿</translation>
    </message>
    <message>
        <source>Excel workbooks (*.xlsx *.xlsm)</source>
        <translation>Excel 工作簿 (*.xlsx *.xlsm)</translation>
    </message>
    <message>
        <source>Choose the EcoSpold 1 file</source>
        <translation>选择 EcoSpold 1 文件</translation>
    </message>
    <message>
        <source>EcoSpold 1 files (*.xml *.zip)</source>
        <translation>EcoSpold 1 文件 (*.xml *.zip)</translation>
    </message>
    <message>
        <source>Choose the folder of .spold files</source>
        <translation>选择 .spold 文件所在的文件夹</translation>
    </message>
    <message>
        <source>Choose the folder of EcoSpold 1 files</source>
        <translation>选择 EcoSpold 1 文件所在的文件夹</translation>
    </message>
    <message>
        <source>Folder or zip:</source>
        <translation>文件夹或 ZIP 压缩包：</translation>
    </message>
    <message>
        <source>the folder that holds the .spold files, or a .zip of them</source>
        <translation>包含 .spold 文件的文件夹，或其 .zip 压缩包</translation>
    </message>
    <message>
        <source>For ecoinvent, the &apos;datasets&apos; folder of the unpacked EcoSpold 2 release; openLCA&apos;s EcoSpold 2 exports work too (e.g. USLCI&apos;s …_ecospold2.zip), as the .zip or unpacked. Elementary flows link by their ecoinvent flow id, those of openLCA exports by flow name (with synonyms), compartment and CAS number. A large release takes several minutes; you can keep working meanwhile.</source>
        <translation>对于 ecoinvent，请选择解压后 EcoSpold 2 版本中的“datasets”文件夹；openLCA 导出的 EcoSpold 2 文件同样可用（如 USLCI 的 …_ecospold2.zip），可直接选择 .zip 或解压后的文件夹。基本流按 ecoinvent 流 ID 关联；openLCA 导出文件中的基本流按流名称（含同义词）、环境介质和 CAS 号关联。大型版本的导入需要几分钟，期间您可以继续工作。</translation>
    </message>
    <message>
        <source>Choose a .zip of EcoSpold 2 (.spold) files</source>
        <translation>选择 EcoSpold 2（.spold）文件的 .zip 压缩包</translation>
    </message>
    <message>
        <source>Choose the folder of .spold files instead of a .zip</source>
        <translation>选择 .spold 文件所在的文件夹，而不是 .zip 压缩包</translation>
    </message>
    <message>
        <source>Choose the openLCA JSON-LD export</source>
        <translation>选择 openLCA JSON-LD 导出文件</translation>
    </message>
    <message>
        <source>openLCA JSON-LD (*.zip)</source>
        <translation>openLCA JSON-LD (*.zip)</translation>
    </message>
    <message>
        <source>SimaPro CSV exports (*.csv)</source>
        <translation>SimaPro CSV 导出文件 (*.csv)</translation>
    </message>
    <message>
        <source>Choose the .zip of EcoSpold 2 files</source>
        <translation>选择 EcoSpold 2 文件的 .zip 压缩包</translation>
    </message>
    <message>
        <source>EcoSpold 2 archives (*.zip)</source>
        <translation>EcoSpold 2 压缩包 (*.zip)</translation>
    </message>
    <message>
        <source>Choose the unpacked JSON-LD export</source>
        <translation>选择解压后的 JSON-LD 导出文件夹</translation>
    </message>
    <message>
        <source>Choose the Brightway folder</source>
        <translation>选择 Brightway 文件夹</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Importing: {step}</source>
        <translation>正在导入：{step}</translation>
    </message>
    <message>
        <source>Imported “{name}”: {datasets} datasets and {exchanges} exchanges in {seconds} s.</source>
        <translation>已导入“{name}”：{datasets} 个数据集、{exchanges} 个交换流，用时 {seconds} 秒。</translation>
    </message>
    <message>
        <source>{count} exchanges could not be linked and were left out; they are listed below.</source>
        <translation>{count} 个交换流无法关联，未被导入；详见下表。</translation>
    </message>
    <message>
        <source>Every exchange was linked.</source>
        <translation>所有交换流均已关联。</translation>
    </message>
    <message>
        <source>The first {shown} of {count} are shown. </source>
        <translation>仅显示 {count} 条中的前 {shown} 条。</translation>
    </message>
    <message>
        <source>All of them are in {path}</source>
        <translation>完整列表见 {path}</translation>
    </message>
    <message>
        <source>The import report is saved as {path}</source>
        <translation>导入报告已保存为 {path}</translation>
    </message>
    <message>
        <source>{count} dataset(s) were left out:</source>
        <translation>{count} 个数据集未导入：</translation>
    </message>
    <message>
        <source>the first {shown} are listed; the saved report has them all.</source>
        <translation>此处仅列出前 {shown} 个，完整列表见保存的报告。</translation>
    </message>
    <message>
        <source>Datasets: {imported} of {read} imported</source>
        <translation>数据集：已读取 {read} 个，导入 {imported} 个</translation>
    </message>
    <message>
        <source>, {count} left out (listed below)</source>
        <translation>，{count} 个未导入（见下表）</translation>
    </message>
    <message>
        <source> (files written by {producer})</source>
        <translation>（文件由 {producer} 生成）</translation>
    </message>
    <message>
        <source>Elementary</source>
        <translation>基本流</translation>
    </message>
    <message>
        <source>Technosphere</source>
        <translation>技术圈</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>产品产出</translation>
    </message>
    <message>
        <source>Substitution</source>
        <translation>替代</translation>
    </message>
    <message>
        <source>{kind} exchanges: {linked} of {total} linked ({share})</source>
        <translation>{kind}交换流：{total} 个中已关联 {linked} 个（{share}）</translation>
    </message>
    <message>
        <source>Elementary exchanges linked by: {methods}</source>
        <translation>基本流交换流的关联方式：{methods}</translation>
    </message>
    <message>
        <source>Unlinked elementary exchanges carry about {share} of the datasets&apos; direct GWP100 (estimated by flow name)</source>
        <translation>未关联的基本流交换流约占各数据集直接 GWP100 的 {share}（按流名称估算）</translation>
    </message>
    <message>
        <source>Most frequent unlinked flows (exchanges):</source>
        <translation>最常见的未关联流（交换流数）：</translation>
    </message>
    <message>
        <source>the source&apos;s flow id or exact name</source>
        <translation>源数据的流 ID 或完全一致的名称</translation>
    </message>
    <message>
        <source>synonym</source>
        <translation>同义词</translation>
    </message>
    <message>
        <source>name and compartment</source>
        <translation>名称和环境介质</translation>
    </message>
    <message>
        <source>name variant</source>
        <translation>名称变体</translation>
    </message>
    <message>
        <source>CAS number</source>
        <translation>CAS 号</translation>
    </message>
    <message>
        <source>flow id&apos;s compartment</source>
        <translation>流 ID 对应的环境介质</translation>
    </message>
    <message>
        <source>name, only compartment of its direction</source>
        <translation>名称（仅按流向确定环境介质）</translation>
    </message>
    <message>
        <source>Passed over in the source&apos;s metadata:</source>
        <translation>源数据元信息中略过的问题：</translation>
    </message>
    <message>
        <source>… and {count} more (see the tooltip)</source>
        <translation>… 另有 {count} 条（见工具提示）</translation>
    </message>
    <message>
        <source>The import failed: {message}</source>
        <translation>导入失败：{message}</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>导入已取消；未写入任何数据。</translation>
    </message>
</context>
<context>
    <name>ImportRequestCheck</name>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} 不是文件夹。</translation>
    </message>
    <message>
        <source>Choose the folder that holds the EcoSpold 2 (.spold) files, or the .zip they came in.</source>
        <translation>请选择包含 EcoSpold 2（.spold）文件的文件夹，或其所在的 .zip 压缩包。</translation>
    </message>
    <message>
        <source>The folder {path} holds no .spold files: choose the &apos;datasets&apos; folder of an EcoSpold 2 release.</source>
        <translation>文件夹 {path} 中没有 .spold 文件：请选择 EcoSpold 2 版本的“datasets”文件夹。</translation>
    </message>
    <message>
        <source>Choose the EcoSpold 1 .xml file, a .zip of them or their folder.</source>
        <translation>请选择 EcoSpold 1 .xml 文件、其 .zip 压缩包或所在文件夹。</translation>
    </message>
    <message>
        <source>{path} does not exist.</source>
        <translation>{path} 不存在。</translation>
    </message>
    <message>
        <source>The folder {path} holds no .xml files: choose the folder of an EcoSpold 1 release.</source>
        <translation>文件夹 {path} 中没有 .xml 文件：请选择 EcoSpold 1 发布包的文件夹。</translation>
    </message>
    <message>
        <source>{path} is neither an .xml file nor a .zip.</source>
        <translation>{path} 既不是 .xml 文件也不是 .zip 压缩包。</translation>
    </message>
    <message>
        <source>Choose the Excel workbook.</source>
        <translation>请选择 Excel 工作簿。</translation>
    </message>
    <message>
        <source>{path} is not an Excel workbook (.xlsx).</source>
        <translation>{path} 不是 Excel 工作簿（.xlsx）。</translation>
    </message>
    <message>
        <source>Name the Brightway project to copy from.</source>
        <translation>请填写要从中复制的 Brightway 项目名称。</translation>
    </message>
    <message>
        <source>Name the database of that project to copy.</source>
        <translation>请填写该项目中要复制的数据库名称。</translation>
    </message>
    <message>
        <source>The database needs a name, e.g. ecoinvent-3.10-cutoff.</source>
        <translation>数据库需要一个名称，例如 ecoinvent-3.10-cutoff。</translation>
    </message>
    <message>
        <source>The name is longer than {count} characters.</source>
        <translation>名称超过 {count} 个字符。</translation>
    </message>
    <message>
        <source>The name cannot contain &apos;|&apos; or control characters.</source>
        <translation>名称不能包含“|”或控制字符。</translation>
    </message>
    <message>
        <source>The name “{name}” belongs to the bundled inventory: choose another one.</source>
        <translation>名称“{name}”属于自带清单数据：请另选一个名称。</translation>
    </message>
    <message>
        <source>A user database named “{name}” exists already: choose another name, or tick “Replace it”.</source>
        <translation>已存在名为“{name}”的用户数据库：请另选名称，或勾选“替换”。</translation>
    </message>
    <message>
        <source>{path} is neither a folder nor a .zip of EcoSpold 2 (.spold) files.</source>
        <translation>{path} 既不是文件夹，也不是 EcoSpold 2（.spold）文件的 .zip 压缩包。</translation>
    </message>
    <message>
        <source>{path} is not a readable zip archive: it may be truncated; download or export it again.</source>
        <translation>{path} 不是可读取的 zip 压缩包：文件可能不完整，请重新下载或导出。</translation>
    </message>
    <message>
        <source>The zip {path} holds no .spold files: choose the EcoSpold 2 export (openLCA names it …_ecospold2.zip).</source>
        <translation>压缩包 {path} 中没有 .spold 文件：请选择 EcoSpold 2 导出文件（openLCA 将其命名为 …_ecospold2.zip）。</translation>
    </message>
    <message>
        <source>Choose the openLCA JSON-LD .zip, or the folder it unpacks to.</source>
        <translation>请选择 openLCA JSON-LD 的 .zip 压缩包，或其解压后的文件夹。</translation>
    </message>
    <message>
        <source>The folder {path} has no &apos;processes&apos; folder, nor has any folder right inside it: choose the unpacked JSON-LD export.</source>
        <translation>文件夹 {path} 及其下一级文件夹中都没有“processes”文件夹：请选择解压后的 JSON-LD 导出文件夹。</translation>
    </message>
    <message>
        <source>{path} is not a .zip file: choose the .zip of an openLCA JSON-LD export, or its unpacked folder.</source>
        <translation>{path} 不是 .zip 文件：请选择 openLCA JSON-LD 导出的 .zip 压缩包，或其解压后的文件夹。</translation>
    </message>
    <message>
        <source>The zip {path} holds no &apos;processes&apos; folder: it is not an openLCA JSON-LD export.</source>
        <translation>压缩包 {path} 中没有“processes”文件夹：它不是 openLCA JSON-LD 导出文件。</translation>
    </message>
    <message>
        <source>Choose the SimaPro CSV export (.csv).</source>
        <translation>请选择 SimaPro CSV 导出文件（.csv）。</translation>
    </message>
    <message>
        <source>{path} is not a .csv file: in SimaPro, export the processes with File &gt; Export as CSV.</source>
        <translation>{path} 不是 .csv 文件：请在 SimaPro 中通过“File &gt; Export”将过程导出为 CSV。</translation>
    </message>
    <message>
        <source>{path} is not a SimaPro CSV export: its first line is not SimaPro&apos;s header ({{SimaPro …}}).</source>
        <translation>{path} 不是 SimaPro CSV 导出文件：其第一行不是 SimaPro 的文件头（{{SimaPro …}}）。</translation>
    </message>
</context>
<context>
    <name>IndicatorTableModel</name>
    <message>
        <source>Group</source>
        <translation>一级指标</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>指标</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>数值</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准值</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>得分</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Evidence</source>
        <translation>证明材料</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>pass/fail at the benchmark</source>
        <translation>以基准值判定是否达标</translation>
    </message>
    <message>
        <source>linear from {zero} (0) to the benchmark (100)</source>
        <translation>从 {zero}（0 分）到基准值（100 分）线性计分</translation>
    </message>
</context>
<context>
    <name>InventoryBrowser</name>
    <message>
        <source>Inventory</source>
        <translation>清单数据</translation>
    </message>
    <message>
        <source>Search code, English or Chinese name, alias (e.g. SUS304, 不锈钢)</source>
        <translation>搜索代码、中英文名称或别名（例如 SUS304、不锈钢）</translation>
    </message>
    <message>
        <source>All groups</source>
        <translation>全部类别</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>加工工艺</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>电力</translation>
    </message>
    <message>
        <source>GHG-only data only</source>
        <translation>只看仅温室气体数据</translation>
    </message>
    <message>
        <source>Datasets that rest only on greenhouse-gas factors: other categories are blank</source>
        <translation>仅基于温室气体排放因子的数据集：其他影响类别为空</translation>
    </message>
    <message>
        <source>Proxies only</source>
        <translation>只看代理数据</translation>
    </message>
    <message>
        <source>Datasets where other data stands in</source>
        <translation>以其他数据替代的数据集</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>类别：</translation>
    </message>
    <message>
        <source>User databases</source>
        <translation>用户数据库</translation>
    </message>
    <message>
        <source>User database: {name}</source>
        <translation>用户数据库：{name}</translation>
    </message>
    <message>
        <source>The bundled inventory cannot be read: {error}</source>
        <translation>无法读取内置清单数据：{error}</translation>
    </message>
    <message>
        <source>{shown} of {total} datasets</source>
        <translation>{shown} / {total} 个数据集</translation>
    </message>
    <message>
        <source>Select a dataset to see its source, quality, recipe and impacts.</source>
        <translation>选择数据集以查看其来源、数据质量、输入组成和环境影响。</translation>
    </message>
    <message>
        <source>At end of life, treat as</source>
        <translation>废弃处置时视为</translation>
    </message>
</context>
<context>
    <name>InventorySetupStatus</name>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stop setting up the inventory; it restarts the next time the app starts</source>
        <translation>停止配置清单数据库；下次启动时会重新开始</translation>
    </message>
    <message>
        <source>Checking the local inventory…</source>
        <translation>正在检查本地清单数据库…</translation>
    </message>
    <message>
        <source>Setting up inventory: {0}</source>
        <translation>正在配置清单数据库：{0}</translation>
    </message>
    <message>
        <source>Inventory ready: {0} LCIA methods</source>
        <translation>清单数据库就绪：{0} 种生命周期影响评价方法</translation>
    </message>
    <message>
        <source>Inventory ready; {0} user database(s) could not be restored</source>
        <translation>清单数据库就绪；{0} 个用户数据库无法恢复</translation>
    </message>
    <message>
        <source>Inventory not set up: {0}</source>
        <translation>清单数据库未配置：{0}</translation>
    </message>
</context>
<context>
    <name>LevelsBox</name>
    <message>
        <source>Green-power share</source>
        <translation>绿电比例</translation>
    </message>
    <message>
        <source>Service life</source>
        <translation>使用寿命</translation>
    </message>
    <message>
        <source>Levels (%):</source>
        <translation>水平（%）：</translation>
    </message>
    <message>
        <source>Levels (years):</source>
        <translation>水平（年）：</translation>
    </message>
    <message>
        <source>Type the levels as numbers, e.g. 0, 30, 60.</source>
        <translation>请以数字输入各水平，例如 0, 30, 60。</translation>
    </message>
</context>
<context>
    <name>LifecyclePage</name>
    <message>
        <source>Open or create a project to describe its life cycle.</source>
        <translation>请先打开或新建项目，再描述其生命周期。</translation>
    </message>
    <message>
        <source>Production</source>
        <translation>生产制造阶段</translation>
    </message>
    <message>
        <source>Solar PV</source>
        <translation>光伏</translation>
    </message>
    <message>
        <source>Wind</source>
        <translation>风电</translation>
    </message>
    <message>
        <source>Hydro</source>
        <translation>水电</translation>
    </message>
    <message>
        <source>Life cycle of the supply (GB/T 24067, all categories)</source>
        <translation>供电全生命周期（GB/T 24067，全部类别）</translation>
    </message>
    <message>
        <source>Published CO2 factor (MEE/NBS, carbon-market style, CO2 only)</source>
        <translation>公布的CO2排放因子（生态环境部/国家统计局，碳市场口径，仅CO2）</translation>
    </message>
    <message>
        <source>How the electricity of production and use is counted: over the supply system&apos;s life cycle (fuel chains, generation, grid losses) in every impact category, or with the grid&apos;s published CO2 emission factor only.</source>
        <translation>生产和使用阶段电力的计算方式：按供电系统全生命周期（燃料链、发电、电网损耗）计入全部影响类别，或仅采用电网公布的CO2排放因子。</translation>
    </message>
    <message>
        <source>Electricity grid:</source>
        <translation>电网：</translation>
    </message>
    <message>
        <source>Green-power share (%):</source>
        <translation>绿电比例（%）：</translation>
    </message>
    <message>
        <source>Green-power source:</source>
        <translation>绿电来源：</translation>
    </message>
    <message>
        <source>Factory electricity (kWh per product):</source>
        <translation>工厂用电（kWh/件产品）：</translation>
    </message>
    <message>
        <source>Electricity accounting:</source>
        <translation>电力核算方式：</translation>
    </message>
    <message>
        <source>Change electricity accounting</source>
        <translation>更改电力核算方式</translation>
    </message>
    <message>
        <source>Change production grid</source>
        <translation>更改生产电网</translation>
    </message>
    <message>
        <source>Change green-power source</source>
        <translation>更改绿电来源</translation>
    </message>
    <message>
        <source>Change factory electricity</source>
        <translation>更改工厂用电</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分销/运输阶段</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Distance (km)</source>
        <translation>距离（km）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Remove distribution leg</source>
        <translation>删除运输段</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用阶段</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置阶段</translation>
    </message>
    <message>
        <source>Region (end-of-life scenario):</source>
        <translation>地区（废弃处置情景）：</translation>
    </message>
    <message>
        <source>Transport to treatment (km):</source>
        <translation>至处理设施运输距离（km）：</translation>
    </message>
    <message>
        <source>Change end-of-life region</source>
        <translation>更改废弃处置地区</translation>
    </message>
    <message>
        <source>Change end-of-life transport</source>
        <translation>更改废弃处置运输距离</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>添加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>{years} (service life)</source>
        <translation>{years}（使用寿命）</translation>
    </message>
    <message>
        <source>Enter a green-power share between 0 and 100 %.</source>
        <translation>请输入 0 到 100 % 之间的绿电比例。</translation>
    </message>
    <message>
        <source>Change green-power share</source>
        <translation>更改绿电比例</translation>
    </message>
    <message>
        <source>Enter a number.</source>
        <translation>请输入数字。</translation>
    </message>
    <message>
        <source>Edit distribution leg</source>
        <translation>编辑运输段</translation>
    </message>
    <message>
        <source>Change transport mode</source>
        <translation>更改运输方式</translation>
    </message>
    <message>
        <source>Add distribution leg</source>
        <translation>添加运输段</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>生产制造阶段</translation>
    </message>
    <message>
        <source>Total GWP100</source>
        <translation>GWP100 总计</translation>
    </message>
</context>
<context>
    <name>LightLegend</name>
    <message>
        <source>meets the benchmark</source>
        <translation>达到基准值</translation>
    </message>
    <message>
        <source>part of the way</source>
        <translation>部分达到</translation>
    </message>
    <message>
        <source>scores 0</source>
        <translation>得分为 0</translation>
    </message>
    <message>
        <source>no benchmark in the profile</source>
        <translation>评价配置中无基准值</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Product</source>
        <translation>产品</translation>
    </message>
    <message>
        <source>Lifecycle</source>
        <translation>生命周期</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>结果</translation>
    </message>
    <message>
        <source>Green design</source>
        <translation>绿色设计</translation>
    </message>
    <message>
        <source>Variants</source>
        <translation>设计变体</translation>
    </message>
    <message>
        <source>Inventory</source>
        <translation>清单数据</translation>
    </message>
    <message>
        <source>Evidence pack</source>
        <translation>证据包</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source>Design:</source>
        <translation>设计方案：</translation>
    </message>
    <message>
        <source>The baseline design or one of its variants</source>
        <translation>基准方案或其设计变体之一</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>撤销(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>重做(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Design</source>
        <translation>设计方案(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;New Variant…</source>
        <translation>新建设计变体(&amp;N)…</translation>
    </message>
    <message>
        <source>Copy the shown design into a new variant</source>
        <translation>将当前设计复制为新的设计变体</translation>
    </message>
    <message>
        <source>&amp;Delete Variant</source>
        <translation>删除设计变体(&amp;D)</translation>
    </message>
    <message>
        <source>Delete the shown variant</source>
        <translation>删除当前显示的设计变体</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统语言</translation>
    </message>
    <message>
        <source>Cradle-to-grave IPCC 2021 GWP100 of the shown design over its service life</source>
        <translation>当前设计方案在整个使用寿命内从摇篮到坟墓的 IPCC 2021 GWP100</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基准方案</translation>
    </message>
    <message>
        <source>(read-only)</source>
        <translation>（只读）</translation>
    </message>
    <message>
        <source>New variant</source>
        <translation>新建设计变体</translation>
    </message>
    <message>
        <source>Name of the variant (a copy of “{design}”):</source>
        <translation>设计变体名称（复制自“{design}”）：</translation>
    </message>
    <message>
        <source>Cannot add the variant</source>
        <translation>无法添加设计变体</translation>
    </message>
    <message>
        <source>Added the variant “{name}”</source>
        <translation>已添加设计变体“{name}”</translation>
    </message>
    <message>
        <source>Cannot delete the variant</source>
        <translation>无法删除设计变体</translation>
    </message>
    <message>
        <source>Cannot save the settings</source>
        <translation>无法保存设置</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>The new language is used from the next start of GreenDesign.</source>
        <translation>新语言将在 GreenDesign 下次启动时生效。</translation>
    </message>
    <message>
        <source>Cannot recover the copy</source>
        <translation>无法恢复该副本</translation>
    </message>
    <message>
        <source>Recovered the autosaved copy; save it to keep it.</source>
        <translation>已恢复自动保存的副本；请保存以保留这些更改。</translation>
    </message>
    <message>
        <source>Mass: {mass} kg</source>
        <translation>质量：{mass} kg</translation>
    </message>
    <message>
        <source>{count} parts</source>
        <translation>{count} 个零件</translation>
    </message>
    <message>
        <source>not saved yet</source>
        <translation>尚未保存</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>清除列表</translation>
    </message>
    <message>
        <source>User database</source>
        <translation>用户数据库</translation>
    </message>
    <message>
        <source>A user database is being imported or removed.</source>
        <translation>正在导入或删除用户数据库。</translation>
    </message>
    <message>
        <source>Closing GreenDesign cancels an import (nothing of it is written) or waits for a removal to end.</source>
        <translation>关闭 GreenDesign 将取消导入（不会写入任何数据），或等待删除完成。</translation>
    </message>
    <message>
        <source>Close anyway</source>
        <translation>仍然关闭</translation>
    </message>
    <message>
        <source>GWP100: {value} kg CO2-eq</source>
        <translation>GWP100：{value} kg CO2-eq</translation>
    </message>
</context>
<context>
    <name>MaterialBox</name>
    <message>
        <source>Material of a part</source>
        <translation>零部件材料</translation>
    </message>
    <message>
        <source>Filter materials</source>
        <extracomment>code -&gt; the option as given (its mass per unit and processes, e.g. from the Ashby advisor or a sweep file); a material ticked by hand keeps the part&apos;s own</extracomment>
        <translation>筛选材料</translation>
    </message>
    <message>
        <source>From the Ashby advisor</source>
        <translation>由 Ashby 选材顾问推荐</translation>
    </message>
    <message>
        <source>Tick the five lightest materials of the part&apos;s class for a stiff panel, with the part&apos;s mass under each</source>
        <translation>按刚度约束的面板工况，勾选与该零部件同类材料中最轻的五种，并给出每种材料下的零部件质量</translation>
    </message>
    <message>
        <source>Part:</source>
        <translation>零部件：</translation>
    </message>
    <message>
        <source>Alternatives:</source>
        <translation>替代材料：</translation>
    </message>
    <message>
        <source>The Ashby advisor has no alternatives for this part&apos;s material (its density or stiffness is not known).</source>
        <translation>Ashby 选材顾问无法为该零部件的材料给出替代方案（其密度或刚度未知）。</translation>
    </message>
    <message>
        <source>Choose a part.</source>
        <translation>请选择零部件。</translation>
    </message>
    <message>
        <source>Tick at least one alternative material.</source>
        <translation>请至少勾选一种替代材料。</translation>
    </message>
</context>
<context>
    <name>MaterialDelegate</name>
    <message>
        <source>material name or code, e.g. citric acid / 柠檬酸</source>
        <translation>材料名称或代码，如 citric acid / 柠檬酸</translation>
    </message>
</context>
<context>
    <name>NumberField</name>
    <message>
        <source>“{text}” is not a number.</source>
        <translation>“{text}”不是数字。</translation>
    </message>
</context>
<context>
    <name>PairedMonteCarloPanel</name>
    <message>
        <source>Run paired Monte Carlo</source>
        <translation>运行配对蒙特卡洛模拟</translation>
    </message>
    <message>
        <source>Sample every design with the same random draws and count how often each one is lower than the reference</source>
        <translation>以相同的随机抽样对每个设计方案取样，统计其低于参照方案的频率</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>迭代次数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Sampling… {percent} %</source>
        <translation>正在抽样… {percent} %</translation>
    </message>
    <message>
        <source>The designs changed during the run: run again.</source>
        <translation>运行期间设计方案已更改：请重新运行。</translation>
    </message>
    <message>
        <source>{n} paired iterations, seed {seed}: P(design &lt; reference) in the last rows; green from 95 %, red up to 5 %.</source>
        <translation>{n} 次配对迭代，随机种子 {seed}：最后几行为 P(方案 &lt; 参照方案)；≥95 % 显示为绿色，≤5 % 显示为红色。</translation>
    </message>
    <message>
        <source>Monte Carlo failed: {message}</source>
        <translation>蒙特卡洛模拟失败：{message}</translation>
    </message>
    <message>
        <source>Paired Monte Carlo cancelled.</source>
        <translation>配对蒙特卡洛模拟已取消。</translation>
    </message>
</context>
<context>
    <name>PartFieldsForm</name>
    <message>
        <source>Edit</source>
        <translation>编辑</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Chinese name</source>
        <translation>中文名称</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Mass per unit</source>
        <translation>单件质量</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Recycled content</source>
        <translation>再生料含量</translation>
    </message>
    <message>
        <source>Scrap rate</source>
        <translation>废料率</translation>
    </message>
    <message>
        <source>Module</source>
        <translation>模块</translation>
    </message>
    <message>
        <source>Mass source</source>
        <translation>质量来源</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>备注</translation>
    </message>
    <message>
        <source>search: stainless, 不锈钢, PP …</source>
        <translation>搜索：stainless、不锈钢、PP …</translation>
    </message>
</context>
<context>
    <name>PedigreeNames</name>
    <message>
        <source>reliability</source>
        <translation>可靠性</translation>
    </message>
    <message>
        <source>completeness</source>
        <translation>完整性</translation>
    </message>
    <message>
        <source>temporal correlation</source>
        <translation>时间相关性</translation>
    </message>
    <message>
        <source>geographical correlation</source>
        <translation>地理相关性</translation>
    </message>
    <message>
        <source>further technological correlation</source>
        <translation>技术相关性</translation>
    </message>
    <message>
        <source>Pedigree scores, 1 best to 5 worst: {names}</source>
        <translation>数据质量谱系评分（1 最好，5 最差）：{names}</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>ignored</source>
        <translation>已忽略</translation>
    </message>
</context>
<context>
    <name>ProcessesEditor</name>
    <message>
        <source>Process</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Amount in the process unit; empty means the part&apos;s own mass in kg.</source>
        <translation>用量以工艺单位计；留空表示采用零件自身质量（kg）。</translation>
    </message>
</context>
<context>
    <name>ProductHeader</name>
    <message>
        <source>Functional unit</source>
        <translation>功能单位</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Service life</source>
        <translation>使用寿命</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>产品类别</translation>
    </message>
    <message>
        <source>Model number</source>
        <translation>型号</translation>
    </message>
    <message>
        <source>Made in</source>
        <translation>产地</translation>
    </message>
    <message>
        <source>{years} years</source>
        <translation>{years} 年</translation>
    </message>
    <message>
        <source>{lines} part lines, {units} units</source>
        <translation>{lines} 种零件，共 {units} 件</translation>
    </message>
</context>
<context>
    <name>ProductPage</name>
    <message>
        <source>BOM editing</source>
        <translation>物料清单编辑</translation>
    </message>
    <message>
        <source>Bill of materials</source>
        <translation>物料清单（BOM）</translation>
    </message>
    <message>
        <source>Double-click or start typing to edit a cell (mass as “250 g”, recycled content in %); Ctrl+Z undoes.</source>
        <translation>双击或直接输入即可编辑单元格（质量如“250 g”，再生料含量以 % 计）；Ctrl+Z 撤销。</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>Substances</source>
        <translation>有害物质</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置</translation>
    </message>
    <message>
        <source>End-of-life override, priority part and plastic marking</source>
        <translation>废弃处置方式覆盖、关键零部件和塑料标识</translation>
    </message>
</context>
<context>
    <name>ProjectActions</name>
    <message>
        <source>GreenDesign projects (*{suffix})</source>
        <translation>GreenDesign 项目 (*{suffix})</translation>
    </message>
    <message>
        <source>BOM tables (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>物料清单表格 (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>新建(&amp;N)</translation>
    </message>
    <message>
        <source>Start an empty project</source>
        <translation>新建空项目</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>打开(&amp;O)…</translation>
    </message>
    <message>
        <source>Open a GreenDesign project file</source>
        <translation>打开 GreenDesign 项目文件</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>保存(&amp;S)</translation>
    </message>
    <message>
        <source>Save the project</source>
        <translation>保存项目</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>另存为(&amp;A)…</translation>
    </message>
    <message>
        <source>Save the project under a new name</source>
        <translation>以新文件名保存项目</translation>
    </message>
    <message>
        <source>&amp;Import BOM…</source>
        <translation>导入物料清单(&amp;I)…</translation>
    </message>
    <message>
        <source>Read a bill of materials from CSV or Excel</source>
        <translation>从 CSV 或 Excel 读取物料清单</translation>
    </message>
    <message>
        <source>&amp;Export BOM…</source>
        <translation>导出物料清单(&amp;E)…</translation>
    </message>
    <message>
        <source>Write the shown design&apos;s BOM to CSV or Excel</source>
        <translation>将当前设计的物料清单写入 CSV 或 Excel</translation>
    </message>
    <message>
        <source>Untitled product</source>
        <translation>未命名产品</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>打开项目</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>无法打开项目</translation>
    </message>
    <message>
        <source>Opened {path}</source>
        <translation>已打开 {path}</translation>
    </message>
    <message>
        <source>Save project as</source>
        <translation>项目另存为</translation>
    </message>
    <message>
        <source>Cannot save the project</source>
        <translation>无法保存项目</translation>
    </message>
    <message>
        <source>Saved {path}</source>
        <translation>已保存 {path}</translation>
    </message>
    <message>
        <source>Replaced the BOM of {design} from {file}</source>
        <translation>已用 {file} 替换 {design} 的物料清单</translation>
    </message>
    <message>
        <source>Cannot use the imported BOM</source>
        <translation>无法使用导入的物料清单</translation>
    </message>
    <message>
        <source>Export BOM</source>
        <translation>导出物料清单</translation>
    </message>
    <message>
        <source>BOM export is not available in this build: {error}</source>
        <translation>此版本无法导出物料清单：{error}</translation>
    </message>
    <message>
        <source>Cannot export the BOM</source>
        <translation>无法导出物料清单</translation>
    </message>
    <message>
        <source>Exported the BOM to {path}</source>
        <translation>已将物料清单导出到 {path}</translation>
    </message>
</context>
<context>
    <name>ProjectDocument</name>
    <message>
        <source>Import BOM</source>
        <translation>导入物料清单</translation>
    </message>
    <message>
        <source>A design named “{name}” already exists.</source>
        <translation>名为“{name}”的设计方案已存在。</translation>
    </message>
    <message>
        <source>Choose another name for the variant.</source>
        <translation>请为设计变体另取一个名称。</translation>
    </message>
    <message>
        <source>Add variant “{name}”</source>
        <translation>添加设计变体“{name}”</translation>
    </message>
    <message>
        <source>The baseline design cannot be deleted.</source>
        <translation>基准方案不能删除。</translation>
    </message>
    <message>
        <source>Variant “{name}” cannot be deleted: {others} are based on it.</source>
        <translation>设计变体“{name}”不能删除：{others} 基于它创建。</translation>
    </message>
    <message>
        <source>Delete those variants first.</source>
        <translation>请先删除这些设计变体。</translation>
    </message>
    <message>
        <source>Variant “{name}” is the project&apos;s reference design.</source>
        <translation>设计变体“{name}”是项目的参照方案。</translation>
    </message>
    <message>
        <source>Choose another reference design first.</source>
        <translation>请先选择其他参照方案。</translation>
    </message>
    <message>
        <source>Delete variant “{name}”</source>
        <translation>删除设计变体“{name}”</translation>
    </message>
</context>
<context>
    <name>RecycledBox</name>
    <message>
        <source>Recycled content</source>
        <translation>再生材料含量</translation>
    </message>
    <message>
        <source>Parts:</source>
        <translation>零部件：</translation>
    </message>
    <message>
        <source>Levels (%):</source>
        <translation>水平（%）：</translation>
    </message>
    <message>
        <source>Tick at least one part.</source>
        <translation>请至少勾选一个零部件。</translation>
    </message>
    <message>
        <source>Type the levels in % as numbers, e.g. 0, 30, 50.</source>
        <translation>请以数字输入各水平（%），例如 0, 30, 50。</translation>
    </message>
</context>
<context>
    <name>RegionBox</name>
    <message>
        <source>Production grid</source>
        <translation>生产电网</translation>
    </message>
    <message>
        <source>End-of-life region</source>
        <translation>废弃处置地区</translation>
    </message>
    <message>
        <source>Grids:</source>
        <translation>电网：</translation>
    </message>
    <message>
        <source>Regions:</source>
        <translation>地区：</translation>
    </message>
    <message>
        <source>Tick at least one.</source>
        <translation>请至少勾选一项。</translation>
    </message>
</context>
<context>
    <name>RegionalNotes</name>
    <message>
        <source>Geographical correlation {score} of 5 (1 best) for a product made in China.</source>
        <translation>对中国制造的产品，地理相关性为 {score}（共5级，1为最好）。</translation>
    </message>
    <message>
        <source>Used for products made in China; products made elsewhere use {code}.</source>
        <translation>用于中国制造的产品；其他地区制造的产品使用 {code}。</translation>
    </message>
    <message>
        <source>Used for products made outside China; products made in China use {code}.</source>
        <translation>用于中国以外制造的产品；中国制造的产品使用 {code}。</translation>
    </message>
</context>
<context>
    <name>ResultsPage</name>
    <message>
        <source>Method:</source>
        <translation>评价方法：</translation>
    </message>
    <message>
        <source>Check with Brightway</source>
        <translation>用 Brightway 校核</translation>
    </message>
    <message>
        <source>Solve this design again with Brightway on the full technosphere (slower) and compare the total</source>
        <translation>用 Brightway 在完整技术圈上重新求解此设计方案（较慢）并比较总量</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Materials</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>By life cycle stage</source>
        <translation>按生命周期阶段</translation>
    </message>
    <message>
        <source>Largest contributors</source>
        <translation>主要贡献项</translation>
    </message>
    <message>
        <source>Process</source>
        <translation>过程</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>影响值</translation>
    </message>
    <message>
        <source>Share of total (%)</source>
        <translation>占总量比例（%）</translation>
    </message>
    <message>
        <source>Flow</source>
        <translation>基本流</translation>
    </message>
    <message>
        <source>Compartment</source>
        <translation>环境介质</translation>
    </message>
    <message>
        <source>Amount</source>
        <translation>数量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Factor</source>
        <translation>特征化因子</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>编号</translation>
    </message>
    <message>
        <source>Own score</source>
        <translation>自身得分</translation>
    </message>
    <message>
        <source>With sub-parts</source>
        <translation>含下级零件</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Click a part to select it in the BOM</source>
        <translation>单击零件可在物料清单中选中它</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Processes</source>
        <translation>过程</translation>
    </message>
    <message>
        <source>Elementary flows</source>
        <translation>基本流</translation>
    </message>
    <message>
        <source>Inventory (LCI)</source>
        <translation>清单（LCI）</translation>
    </message>
    <message>
        <source>Uncertainty</source>
        <translation>不确定性</translation>
    </message>
    <message>
        <source>Setting up the local inventory…</source>
        <translation>正在配置本地清单数据库…</translation>
    </message>
    <message>
        <source>The results cannot be computed.</source>
        <translation>无法计算结果。</translation>
    </message>
    <message>
        <source>Open or create a project to see its results.</source>
        <translation>请先打开或新建项目以查看结果。</translation>
    </message>
    <message>
        <source>Add parts to the BOM to see results</source>
        <translation>请在物料清单中添加零件以查看结果</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基准方案</translation>
    </message>
    <message>
        <source>{product} ({design}) · {family}: {category} · per {unit_of_function}</source>
        <translation>{product}（{design}）· {family}：{category} · 功能单位：{unit_of_function}</translation>
    </message>
    <message>
        <source>{value} {unit} per year over {years} years</source>
        <translation>{years} 年使用期内每年 {value} {unit}</translation>
    </message>
    <message>
        <source>Credits beyond the system boundary (recycling and energy recovery, module D): {value} {unit}, not included in the total.</source>
        <translation>超出系统边界的环境效益（回收利用和能量回收，D模块）：{value} {unit}，未计入总量。</translation>
    </message>
    <message>
        <source>Greenhouse-gas-only data: {count} datasets ({names}) give greenhouse gases only, together {share} of GWP100. Categories other than climate change leave out their other emissions and are incomplete.</source>
        <translation>仅温室气体数据：{count} 个数据集（{names}）仅提供温室气体排放，合计占 GWP100 的 {share}。气候变化以外的影响类别未包含这些数据集的其他排放，结果不完整。</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>另有 {count} 项</translation>
    </message>
    <message>
        <source>Data gaps: {count} references have no inventory data and are left out ({share} of the product mass): {items}.</source>
        <translation>数据缺口：{count} 项引用没有清单数据，未计入（占产品质量的 {share}）：{items}。</translation>
    </message>
    <message>
        <source>Primary data share: {share} of GWP100 rests on supplier data ({count} declared values; their lines replace the inventory datasets for the categories they declare).</source>
        <translation>初级数据占比：GWP100 的 {share} 基于供应商数据（{count} 个声明值；其所涉清单行在所声明的类别中替代清单数据集）。</translation>
    </message>
    <message>
        <source>material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>process</source>
        <translation>工艺</translation>
    </message>
    <message>
        <source>consumable</source>
        <translation>耗材</translation>
    </message>
    <message>
        <source>electricity, {grid}</source>
        <translation>电力，{grid}</translation>
    </message>
    <message>
        <source>Raw materials</source>
        <translation>原材料获取阶段</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>生产制造阶段</translation>
    </message>
    <message>
        <source>Distribution</source>
        <translation>分销/运输阶段</translation>
    </message>
    <message>
        <source>Use</source>
        <translation>使用阶段</translation>
    </message>
    <message>
        <source>End of life</source>
        <translation>废弃处置阶段</translation>
    </message>
    <message>
        <source>Replacement parts</source>
        <translation>更换零件</translation>
    </message>
    <message>
        <source>Electricity</source>
        <translation>电力</translation>
    </message>
    <message>
        <source>Transport</source>
        <translation>运输</translation>
    </message>
    <message>
        <source>Consumables</source>
        <translation>耗材</translation>
    </message>
    <message>
        <source>Treatment</source>
        <translation>处理处置</translation>
    </message>
    <message>
        <source>Credits (not in total)</source>
        <translation>D模块效益（不计入总量）</translation>
    </message>
    <message>
        <source>{name} ({id}): click to select it in the BOM</source>
        <translation>{name}（{id}）：点击可在物料清单中选中</translation>
    </message>
    <message>
        <source>Parts carry {share} of the total; the rest (use-phase energy, distribution, factory energy) belongs to the product as a whole. Click a bar to select the part.</source>
        <translation>零件占总量的 {share}；其余部分（使用阶段能耗、分销运输、工厂能耗）归属于整个产品。点击条形可选中对应零件。</translation>
    </message>
    <message>
        <source>Materials with their production, transport, end of life and replacements.</source>
        <translation>各材料含其生产、运输、废弃处置和更换的影响。</translation>
    </message>
    <message>
        <source>Loading the characterisation factors…</source>
        <translation>正在加载特征化因子…</translation>
    </message>
    <message>
        <source>{count} elementary flows contribute to {category} ({unit}).</source>
        <translation>共有 {count} 个基本流对 {category}（{unit}）有贡献。</translation>
    </message>
    <message>
        <source>Solving with Brightway…</source>
        <translation>正在用 Brightway 求解…</translation>
    </message>
    <message>
        <source>Brightway: {value} {unit} (relative difference {diff})</source>
        <translation>Brightway：{value} {unit}（相对差异 {diff}）</translation>
    </message>
    <message>
        <source>(inventory datasets only, without the supplier data)</source>
        <translation>（仅清单数据集，不含供应商数据）</translation>
    </message>
    <message>
        <source>Brightway check failed: {message}</source>
        <translation>Brightway 校核失败：{message}</translation>
    </message>
</context>
<context>
    <name>RowsEditor</name>
    <message>
        <source>+ Add</source>
        <translation>+ 添加</translation>
    </message>
    <message>
        <source>− Remove</source>
        <translation>− 删除</translation>
    </message>
    <message>
        <source>Select a row to remove first.</source>
        <translation>请先选择要删除的行。</translation>
    </message>
</context>
<context>
    <name>StageChartPanel</name>
    <message>
        <source>Credits (not in total)</source>
        <translation>D模块效益（不计入总量）</translation>
    </message>
</context>
<context>
    <name>StartPage</name>
    <message>
        <source>GreenDesign</source>
        <translation>GreenDesign 绿色设计</translation>
    </message>
    <message>
        <source>Green product design and cradle-to-grave life cycle assessment</source>
        <translation>绿色产品设计与从摇篮到坟墓的生命周期评价</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>新建项目</translation>
    </message>
    <message>
        <source>Open…</source>
        <translation>打开…</translation>
    </message>
    <message>
        <source>Demo products</source>
        <translation>示例产品</translation>
    </message>
    <message>
        <source>Recent files</source>
        <translation>最近打开的文件</translation>
    </message>
    <message>
        <source>No demo products are installed.</source>
        <translation>未安装示例产品。</translation>
    </message>
    <message>
        <source>No recent files yet.</source>
        <translation>还没有最近打开的文件。</translation>
    </message>
</context>
<context>
    <name>SubstancesEditor</name>
    <message>
        <source>Substance</source>
        <translation>有害物质</translation>
    </message>
    <message>
        <source>CAS</source>
        <translation>CAS号</translation>
    </message>
    <message>
        <source>Mass fraction</source>
        <translation>质量分数</translation>
    </message>
    <message>
        <source>CAS as NNNNNNN-NN-N (its check digit is verified); mass fraction of the part in %.</source>
        <translation>CAS号格式为 NNNNNNN-NN-N（校验位会被核验）；质量分数为占零件质量的百分比。</translation>
    </message>
</context>
<context>
    <name>SuggestionTableModel</name>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Improvement</source>
        <translation>改进建议</translation>
    </message>
    <message>
        <source>Parts</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Index change (points)</source>
        <translation>指数变化（分）</translation>
    </message>
    <message>
        <source>GWP change (kg CO2-eq)</source>
        <translation>GWP 变化（kg CO2-eq）</translation>
    </message>
</context>
<context>
    <name>SupplierDataActions</name>
    <message>
        <source>Supplier data (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>供应商数据 (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Import &amp;Supplier Data…</source>
        <translation>导入供应商数据(&amp;S)…</translation>
    </message>
    <message>
        <source>Read suppliers&apos; declared values (EPD, PCF, measured) from CSV or Excel into the shown design</source>
        <translation>从 CSV 或 Excel 将供应商声明值（EPD、PCF、实测）读入当前显示的设计</translation>
    </message>
    <message>
        <source>Import supplier data</source>
        <translation>导入供应商数据</translation>
    </message>
    <message>
        <source>Cannot import the supplier data</source>
        <translation>无法导入供应商数据</translation>
    </message>
    <message>
        <source>{file}: no row can be imported.</source>
        <translation>{file}：没有可导入的行。</translation>
    </message>
    <message>
        <source>Fix the rows listed and import the file again.</source>
        <translation>请改正所列的行后重新导入该文件。</translation>
    </message>
    <message>
        <source>and {count} more</source>
        <translation>另有 {count} 条</translation>
    </message>
    <message>
        <source>{file}: declared values read: {count}; rows refused: {refused}.</source>
        <translation>{file}：读取声明值 {count} 个；拒收行 {refused} 行。</translation>
    </message>
    <message>
        <source>Apply the values read to the design “{design}”? Undo takes them back.</source>
        <translation>将读取的数值应用到设计“{design}”？撤销可以取回。</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>应用</translation>
    </message>
    <message>
        <source>Declared values imported from {file}: {count}</source>
        <translation>已从 {file} 导入声明值：{count} 个</translation>
    </message>
</context>
<context>
    <name>SweepChartPanel</name>
    <message>
        <source>Green design index</source>
        <translation>绿色设计指数</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>Material Circularity Indicator (MCI)</source>
        <translation>材料循环性指数（MCI）</translation>
    </message>
    <message>
        <source>Click a point to see the candidate.</source>
        <translation>点击图中的点查看候选方案。</translation>
    </message>
    <message>
        <source>Make variant</source>
        <translation>新建方案</translation>
    </message>
    <message>
        <source>Add the selected candidate as a new variant</source>
        <translation>将选中的候选方案添加为新的设计方案</translation>
    </message>
    <message>
        <source>Y axis:</source>
        <translation>纵轴：</translation>
    </message>
    <message>
        <source>candidates</source>
        <translation>候选方案</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>the design as it is</source>
        <translation>现有设计</translation>
    </message>
    <message>
        <source>Green design index (0-100)</source>
        <translation>绿色设计指数（0-100）</translation>
    </message>
    <message>
        <source>Mass (kg)</source>
        <translation>质量（kg）</translation>
    </message>
    <message>
        <source>Material Circularity Indicator (MCI, 0-1)</source>
        <translation>材料循环性指数（MCI，0-1）</translation>
    </message>
    <message>
        <source>GWP100 per year of service (kg CO2-eq/year)</source>
        <translation>每使用年全球变暖潜势 GWP100（kg CO2当量/年）</translation>
    </message>
    <message>
        <source>Run the sweep to see the design space.</source>
        <translation>运行扫描后即可查看设计空间。</translation>
    </message>
</context>
<context>
    <name>SweepTab</name>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Assess every candidate design and show them against each other</source>
        <translation>评价每个候选设计方案并进行对比</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>The sweep failed: {message}</source>
        <translation>设计空间扫描失败：{message}</translation>
    </message>
    <message>
        <source>Sweep cancelled.</source>
        <translation>扫描已取消。</translation>
    </message>
    <message>
        <source>{count} candidates, {front} on the Pareto front.</source>
        <translation>共 {count} 个候选方案，其中 {front} 个位于帕累托前沿。</translation>
    </message>
    <message>
        <source>Largest deviation of sampled candidates from a direct assessment: {error} %.</source>
        <translation>抽检候选方案与直接评价结果的最大偏差：{error} %。</translation>
    </message>
    <message>
        <source>GWP per year of service</source>
        <translation>每使用年全球变暖潜势</translation>
    </message>
    <message>
        <source>GWP over the service life</source>
        <translation>全寿命期全球变暖潜势</translation>
    </message>
    <message>
        <source>Green design index</source>
        <translation>绿色设计指数</translation>
    </message>
    <message>
        <source>Mass</source>
        <translation>质量</translation>
    </message>
    <message>
        <source>MCI</source>
        <translation>MCI</translation>
    </message>
    <message>
        <source>Candidate {number}</source>
        <translation>候选方案 {number}</translation>
    </message>
    <message>
        <source>Pareto front</source>
        <translation>帕累托前沿</translation>
    </message>
    <message>
        <source>#</source>
        <translation>序号</translation>
    </message>
    <message>
        <source>Pareto</source>
        <translation>帕累托</translation>
    </message>
    <message>
        <source>GWP per year ({unit}/year)</source>
        <translation>每年 GWP（{unit}/年）</translation>
    </message>
    <message>
        <source>GWP ({unit})</source>
        <translation>GWP（{unit}）</translation>
    </message>
    <message>
        <source>Mass (kg)</source>
        <translation>质量（kg）</translation>
    </message>
    <message>
        <source>The design changed since the sweep: run the sweep again.</source>
        <translation>扫描后设计已发生变化，请重新运行扫描。</translation>
    </message>
    <message>
        <source>sweep-{number}</source>
        <translation>设计空间方案-{number}</translation>
    </message>
    <message>
        <source>Make design-space candidate {number} a variant</source>
        <translation>将设计空间候选方案 {number} 新建为方案</translation>
    </message>
    <message>
        <source>Added the variant “{name}”.</source>
        <translation>已添加方案“{name}”。</translation>
    </message>
</context>
<context>
    <name>TransportEditor</name>
    <message>
        <source>Mode</source>
        <translation>运输方式</translation>
    </message>
    <message>
        <source>Distance (km)</source>
        <translation>运输距离（km）</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>说明</translation>
    </message>
    <message>
        <source>Freight from the supplier to the factory, per unit of the part.</source>
        <translation>从供应商到工厂的货运，按每件零件计。</translation>
    </message>
</context>
<context>
    <name>UncertaintyPanel</name>
    <message>
        <source>Run Monte Carlo</source>
        <translation>运行蒙特卡洛模拟</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Iterations:</source>
        <translation>迭代次数：</translation>
    </message>
    <message>
        <source>Seed:</source>
        <translation>随机种子：</translation>
    </message>
    <message>
        <source>Distribution of the total</source>
        <translation>总量分布</translation>
    </message>
    <message>
        <source>Sensitivity: each parameter at its 2.5 % and 97.5 % values, the others fixed</source>
        <translation>敏感性分析（龙卷风图）：各参数分别取 2.5 % 和 97.5 % 分位值，其他参数固定</translation>
    </message>
    <message>
        <source>Background datasets vary with their data quality (pedigree); part masses, service life, use-phase energy and end-of-life shares with their own distributions. The same seed gives the same draws.</source>
        <translation>背景数据集按其数据质量（谱系矩阵）变化；零件质量、使用寿命、使用阶段能耗和废弃处置比例按各自的分布变化。相同的随机种子得到相同的抽样结果。</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在启动…</translation>
    </message>
    <message>
        <source>Sampling… {percent}</source>
        <translation>正在抽样… {percent}</translation>
    </message>
    <message>
        <source>{n} iterations, seed {seed}</source>
        <translation>{n} 次迭代，随机种子 {seed}</translation>
    </message>
    <message>
        <source>Monte Carlo failed: {message}</source>
        <translation>蒙特卡洛模拟失败：{message}</translation>
    </message>
    <message>
        <source>Monte Carlo cancelled.</source>
        <translation>已取消蒙特卡洛模拟。</translation>
    </message>
    <message>
        <source>The design changed since the last run: run again to update the distribution.</source>
        <translation>自上次运行以来设计已更改：请重新运行以更新分布。</translation>
    </message>
    <message>
        <source>Run Monte Carlo to see how uncertain the total is.</source>
        <translation>运行蒙特卡洛模拟，查看总量的不确定性。</translation>
    </message>
    <message>
        <source>2.5 %</source>
        <translation>2.5 %</translation>
    </message>
    <message>
        <source>median</source>
        <translation>中位数</translation>
    </message>
    <message>
        <source>97.5 %</source>
        <translation>97.5 %</translation>
    </message>
    <message>
        <source>deterministic</source>
        <translation>确定性结果</translation>
    </message>
    <message>
        <source>Mean {mean}, median {median}, standard deviation {sd} {unit} (coefficient of variation {cv}); 95 % interval {low} – {high} {unit}; deterministic result {det} {unit}.</source>
        <translation>平均值 {mean}，中位数 {median}，标准差 {sd} {unit}（变异系数 {cv}）；95 % 区间 {low} – {high} {unit}；确定性结果 {det} {unit}。</translation>
    </message>
    <message>
        <source>low value</source>
        <translation>低值</translation>
    </message>
    <message>
        <source>high value</source>
        <translation>高值</translation>
    </message>
    <message>
        <source>mass: {part}</source>
        <translation>质量：{part}</translation>
    </message>
    <message>
        <source>service life</source>
        <translation>使用寿命</translation>
    </message>
    <message>
        <source>use-phase energy</source>
        <translation>使用阶段能耗</translation>
    </message>
</context>
<context>
    <name>UsePhaseSection</name>
    <message>
        <source>Use</source>
        <translation>使用阶段</translation>
    </message>
    <message>
        <source>service life</source>
        <translation>使用寿命</translation>
    </message>
    <message>
        <source>Energy per year</source>
        <translation>年能耗</translation>
    </message>
    <message>
        <source>Operating modes</source>
        <translation>运行模式</translation>
    </message>
    <message>
        <source>kWh per year</source>
        <translation>kWh/年</translation>
    </message>
    <message>
        <source>Electricity grid:</source>
        <translation>电网：</translation>
    </message>
    <message>
        <source>Years of use:</source>
        <translation>使用年限：</translation>
    </message>
    <message>
        <source>Mode</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Power (W)</source>
        <translation>功率（W）</translation>
    </message>
    <message>
        <source>Hours per year</source>
        <translation>年运行小时数</translation>
    </message>
    <message>
        <source>Remove operating mode</source>
        <translation>删除运行模式</translation>
    </message>
    <message>
        <source>Consumables per year:</source>
        <translation>每年耗材：</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Material</source>
        <translation>材料</translation>
    </message>
    <message>
        <source>Amount per year</source>
        <translation>年用量</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>单位</translation>
    </message>
    <message>
        <source>Remove consumable</source>
        <translation>删除耗材</translation>
    </message>
    <message>
        <source>Replacement parts over the service life:</source>
        <translation>使用寿命期内的更换零件：</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>零件</translation>
    </message>
    <message>
        <source>Replacements</source>
        <translation>更换次数</translation>
    </message>
    <message>
        <source>Remove replacement part</source>
        <translation>删除更换零件</translation>
    </message>
    <message>
        <source>Change use-phase grid</source>
        <translation>更改使用阶段电网</translation>
    </message>
    <message>
        <source>Change years of use</source>
        <translation>更改使用年限</translation>
    </message>
    <message>
        <source>Change use-phase energy</source>
        <translation>更改使用阶段能耗</translation>
    </message>
    <message>
        <source>in use</source>
        <translation>工作</translation>
    </message>
    <message>
        <source>Use operating modes</source>
        <translation>改用运行模式</translation>
    </message>
    <message>
        <source>Use energy per year</source>
        <translation>改用年能耗</translation>
    </message>
    <message>
        <source>Edit operating mode</source>
        <translation>编辑运行模式</translation>
    </message>
    <message>
        <source>Add operating mode</source>
        <translation>添加运行模式</translation>
    </message>
    <message>
        <source>standby</source>
        <translation>待机</translation>
    </message>
    <message>
        <source>“{code}” is not a material of the catalogue: pick one from the search.</source>
        <translation>“{code}”不是目录中的材料：请从搜索结果中选择。</translation>
    </message>
    <message>
        <source>Edit consumable</source>
        <translation>编辑耗材</translation>
    </message>
    <message>
        <source>Add consumable</source>
        <translation>添加耗材</translation>
    </message>
    <message>
        <source>consumable</source>
        <translation>耗材</translation>
    </message>
    <message>
        <source>Change replaced part</source>
        <translation>更改被更换零件</translation>
    </message>
    <message>
        <source>Edit replacement part</source>
        <translation>编辑更换零件</translation>
    </message>
    <message>
        <source>Add parts to the BOM first.</source>
        <translation>请先在物料清单中添加零件。</translation>
    </message>
    <message>
        <source>Add replacement part</source>
        <translation>添加更换零件</translation>
    </message>
</context>
<context>
    <name>UserDatabaseActions</name>
    <message>
        <source>Import database…</source>
        <translation>导入数据库…</translation>
    </message>
    <message>
        <source>Import a user database: an EcoSpold 2 folder or zip (e.g. ecoinvent, openLCA exports), EcoSpold 1 files (e.g. a USLCI release), an openLCA JSON-LD export (e.g. the Federal LCA Commons), a SimaPro CSV export, an Excel workbook in the Brightway format, or a database of a Brightway project</source>
        <translation>导入用户数据库：EcoSpold 2 文件夹或 zip（如 ecoinvent、openLCA 导出文件）、EcoSpold 1 文件（如 USLCI 发布包）、openLCA JSON-LD 导出文件（如美国联邦 LCA Commons）、SimaPro CSV 导出文件、Brightway 格式的 Excel 工作簿，或 Brightway 项目中的数据库</translation>
    </message>
    <message>
        <source>Remove database…</source>
        <translation>删除数据库…</translation>
    </message>
    <message>
        <source>Remove an imported user database</source>
        <translation>删除已导入的用户数据库</translation>
    </message>
    <message>
        <source>A user database is being imported or removed; wait for it to finish.</source>
        <translation>正在导入或删除用户数据库；请等待其完成。</translation>
    </message>
    <message>
        <source>Importing “{name}”… {percent} %</source>
        <translation>正在导入“{name}”… {percent} %</translation>
    </message>
    <message>
        <source>Importing “{name}”…</source>
        <translation>正在导入“{name}”…</translation>
    </message>
    <message>
        <source>Imported the user database “{name}”: {datasets} datasets, {unlinked} exchanges not linked.</source>
        <translation>已导入用户数据库“{name}”：{datasets} 个数据集，{unlinked} 个交换流未关联。</translation>
    </message>
    <message>
        <source>{share} of the elementary exchanges were linked.</source>
        <translation>基本流交换流已关联 {share}。</translation>
    </message>
    <message>
        <source>Import database</source>
        <translation>导入数据库</translation>
    </message>
    <message>
        <source>The import was cancelled; nothing was written.</source>
        <translation>导入已取消；未写入任何数据。</translation>
    </message>
    <message>
        <source>{name} ({datasets} datasets)</source>
        <translation>{name}（{datasets} 个数据集）</translation>
    </message>
    <message>
        <source>Remove database</source>
        <translation>删除数据库</translation>
    </message>
    <message>
        <source>Remove the user database “{name}” ({datasets} datasets)?</source>
        <translation>删除用户数据库“{name}”（{datasets} 个数据集）？</translation>
    </message>
    <message>
        <source>Its datasets are deleted from the local inventory; the source files are not touched. Parts that use them show no data until you choose other datasets or import it again.</source>
        <translation>其数据集将从本地清单数据库中删除；源文件不受影响。使用这些数据集的零件将显示无数据，直到您选择其他数据集或重新导入。</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>删除</translation>
    </message>
    <message>
        <source>Removing “{name}”…</source>
        <translation>正在删除“{name}”…</translation>
    </message>
    <message>
        <source>Removed the user database “{name}”.</source>
        <translation>已删除用户数据库“{name}”。</translation>
    </message>
    <message>
        <source>This window is read-only: import user databases in the window that edits.</source>
        <translation>此窗口为只读：请在可编辑的窗口中导入用户数据库。</translation>
    </message>
    <message>
        <source>Available once the local inventory is set up (status bar).</source>
        <translation>本地清单数据库配置完成后可用（见状态栏）。</translation>
    </message>
</context>
<context>
    <name>UserDetails</name>
    <message>
        <source>From the user database “{name}”, imported by you; GreenDesign has not reviewed its data.</source>
        <translation>来自您导入的用户数据库“{name}”；GreenDesign 未审核其数据。</translation>
    </message>
    <message>
        <source>not rated: worst case in Monte Carlo</source>
        <translation>未评分：蒙特卡洛模拟中按最差情况处理</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>来源</translation>
    </message>
    <message>
        <source>Reference product</source>
        <translation>参考产品</translation>
    </message>
    <message>
        <source>Geography</source>
        <translation>地理范围</translation>
    </message>
    <message>
        <source>Pedigree (1 best, 5 worst)</source>
        <translation>数据质量谱系（1 最好，5 最差）</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>数据库</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>The exchanges cannot be read: {error}</source>
        <translation>无法读取交换流：{error}</translation>
    </message>
    <message>
        <source>The exchanges appear when the local inventory is ready.</source>
        <translation>本地清单数据库就绪后将显示交换流。</translation>
    </message>
    <message>
        <source>Reading the exchanges from the local inventory…</source>
        <translation>正在从本地清单数据库读取交换流…</translation>
    </message>
    <message>
        <source>output</source>
        <translation>产出</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>substitution</source>
        <translation>替代</translation>
    </message>
    <message>
        <source>elementary flow</source>
        <translation>基本流</translation>
    </message>
</context>
<context>
    <name>VariantsPage</name>
    <message>
        <source>Method:</source>
        <translation>评价方法：</translation>
    </message>
    <message>
        <source>By stage</source>
        <translation>按阶段</translation>
    </message>
    <message>
        <source>Attribution of the difference</source>
        <translation>差值归因</translation>
    </message>
    <message>
        <source>Design space</source>
        <translation>设计空间</translation>
    </message>
    <message>
        <source>baseline</source>
        <translation>基准方案</translation>
    </message>
    <message>
        <source>The results cannot be computed.</source>
        <translation>无法计算结果。</translation>
    </message>
    <message>
        <source>Setting up the local inventory…</source>
        <translation>正在配置本地清单数据库…</translation>
    </message>
    <message>
        <source>Open or create a project to compare its designs.</source>
        <translation>请打开或新建项目以比较其设计方案。</translation>
    </message>
    <message>
        <source>This project has one design only. Add a variant on the Product page to compare it with the baseline.</source>
        <translation>此项目只有一个设计方案。请在“产品”页面添加设计变体，以便与基准方案比较。</translation>
    </message>
    <message>
        <source>Add parts to the BOM to compare the designs.</source>
        <translation>请在物料清单中添加零件以比较设计方案。</translation>
    </message>
    <message>
        <source>Computing…</source>
        <translation>正在计算…</translation>
    </message>
    <message>
        <source>Reference design: {design}</source>
        <translation>参照方案：{design}</translation>
    </message>
    <message>
        <source>{design}: {years} years</source>
        <translation>{design}：{years} 年</translation>
    </message>
    <message>
        <source>The designs have different service lives ({lives}). Each total covers one product over its own service life, so compare the designs per year of service, not by their totals.</source>
        <translation>各设计方案的使用寿命不同（{lives}）。每个合计值涵盖一件产品在其自身使用寿命内的影响，因此应按每使用年而非合计值比较设计方案。</translation>
    </message>
    <message>
        <source>{design} is worse in total ({total} higher) but better per year of service ({year} lower) than {reference}.</source>
        <translation>与{reference}相比，{design}的合计更差（高 {total}），但每使用年更好（低 {year}）。</translation>
    </message>
    <message>
        <source>{design} is better in total ({total} lower) but worse per year of service ({year} higher) than {reference}.</source>
        <translation>与{reference}相比，{design}的合计更好（低 {total}），但每使用年更差（高 {year}）。</translation>
    </message>
    <message>
        <source>Left out for lack of inventory data (in some designs): {codes}.</source>
        <translation>因缺少清单数据而未计入（部分方案中）：{codes}。</translation>
    </message>
</context>
<context>
    <name>_DatasetDelegate</name>
    <message>
        <source>search: moulding, 注塑 …</source>
        <translation>搜索：moulding、注塑 …</translation>
    </message>
</context>
</TS>
