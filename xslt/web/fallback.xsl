<?xml version="1.0" encoding="UTF-8"?>
<!-- Web layer, lowest precedence (imported first by document.xsl, so that xslt/common/ and every
     specific rule win over these).

     TEI elements that need no look of their own (names' parts, measures, segments …) keep their
     text in a span named for them.  Anything else, a TEI element editio does not know or an
     element of another namespace, is rendered generically: its text is kept, in a span (or a div,
     when it holds blocks) whose class names the original ("generic tei-letDesc", "generic
     ns-vg-letDesc") and whose data-generic gives its name ("vg:letDesc"), so that the build can
     count and report what it rendered without knowing it (editio.web.text.generic_elements). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:tei="http://www.tei-c.org/ns/1.0" exclude-result-prefixes="tei">

  <xsl:template match="tei:seg | tei:measure | tei:measureGrp | tei:num | tei:roleName | tei:addName | tei:forename
                       | tei:surname | tei:genName | tei:nameLink | tei:name | tei:settlement | tei:country
                       | tei:region | tei:district | tei:bloc | tei:term | tei:mentioned | tei:soCalled | tei:distinct
                       | tei:gloss | tei:time | tei:w | tei:pc | tei:c | tei:g | tei:s | tei:phr | tei:cl | tei:m
                       | tei:catchwords | tei:signatures | tei:affiliation | tei:occupation | tei:idno | tei:email
                       | tei:author | tei:editor | tei:publisher | tei:pubPlace | tei:biblScope | tei:citedRange
                       | tei:edition | tei:imprint | tei:monogr | tei:analytic | tei:series | tei:respStmt | tei:resp
                       | tei:desc | tei:abbr | tei:expan | tei:orig | tei:reg | tei:corr | tei:sic | tei:ex | tei:am
                       | tei:metamark | tei:sex | tei:birth | tei:death | tei:floruit | tei:residence | tei:nationality
                       | tei:faith | tei:education | tei:state | tei:trait | tei:event | tei:relation | tei:listRelation
                       | tei:stamp | tei:orgName | tei:persName | tei:placeName | tei:geogName | tei:offset
                       | tei:geogFeat | tei:objectName | tei:date | tei:dateline | tei:origDate | tei:origPlace
                       | tei:lang | tei:unit | tei:span | tei:interp | tei:interpGrp | tei:ptr | tei:ref | tei:rs
                       | tei:foreign | tei:emph | tei:hi | tei:said | tei:q | tei:quote | tei:label | tei:lem | tei:rdg
                       | tei:rdgGrp | tei:witDetail | tei:wit | tei:locus | tei:locusGrp | tei:item | tei:list">
    <span class="tei-{local-name()}"><xsl:apply-templates/></span>
  </xsl:template>

  <xsl:template match="*">
    <xsl:variable name="name">
      <xsl:choose>
        <xsl:when test="self::tei:*"><xsl:value-of select="local-name()"/></xsl:when>
        <xsl:when test="contains(name(), ':')"><xsl:value-of select="name()"/></xsl:when>
        <xsl:otherwise><xsl:value-of select="concat('{', namespace-uri(), '}', local-name())"/></xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="class">
      <xsl:text>generic </xsl:text>
      <xsl:choose>
        <xsl:when test="self::tei:*"><xsl:value-of select="concat('tei-', local-name())"/></xsl:when>
        <xsl:otherwise>
          <xsl:text>ns-</xsl:text>
          <xsl:call-template name="token"><xsl:with-param name="value" select="translate(substring-before(concat(name(), ':'), ':'), ':.', '--')"/></xsl:call-template>
          <xsl:text>-</xsl:text>
          <xsl:call-template name="token"><xsl:with-param name="value" select="local-name()"/></xsl:call-template>
        </xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:variable name="tag">
      <xsl:choose>
        <xsl:when test=".//tei:p | .//tei:div | .//tei:lg | .//tei:l | .//tei:list | .//tei:table | .//tei:sp | .//tei:ab">div</xsl:when>
        <xsl:otherwise>span</xsl:otherwise>
      </xsl:choose>
    </xsl:variable>
    <xsl:element name="{$tag}">
      <xsl:attribute name="class"><xsl:value-of select="$class"/></xsl:attribute>
      <xsl:attribute name="data-generic"><xsl:value-of select="$name"/></xsl:attribute>
      <xsl:apply-templates/>
    </xsl:element>
  </xsl:template>

  <!-- nothing to read: a timeline is points in time (<when>) that stage directions synchronise with -->
  <xsl:template match="tei:graphic | tei:figDesc | tei:desc[parent::tei:gap] | tei:timeline"/>
  <xsl:template match="comment() | processing-instruction()"/>
</xsl:stylesheet>
